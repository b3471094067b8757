/**
 * A JSON request body read defensively: wrong media type → 415, missing → 400,
 * bytes that are not UTF-8 or text that is not JSON → 400 with the reason.
 * A body the spec documents only as `application/jwt` must come as a compact JWS; its payload is the value.
 * Answers the error itself and returns undefined, or returns the parsed value.
 */
import type { MockExchange } from './mock-exchange.ts';
import type { MountedOperation } from './mount.ts';
import { decodeCompactJws } from '../../specs/jws.ts';

// Fatal: a lossy decode would turn stray bytes into U+FFFD and accept a body the client never meant to send.
// It also drops a leading BOM (ignoreBOM is false), which some clients still write.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function readJsonBody(ex: MockExchange, mounted: MountedOperation, raw: Buffer | undefined): { value: unknown } | undefined {
  const contentType = ex.req.headers['content-type'];
  if (mounted.body?.signed) return readSignedBody(ex, mounted, contentType, raw);
  if (contentType !== undefined && !/^\s*application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    ex.sendError(415, `Content-Type '${contentType.slice(0, 100)}' is not JSON; send the body as application/json.`);
    return undefined;
  }
  if (raw === undefined || raw.length === 0) {
    if (mounted.body?.required) {
      ex.sendError(400, `${mounted.operation.method} ${mounted.operation.path} needs a JSON body.`, 'MISSING_BODY');
      return undefined;
    }
    return { value: undefined };
  }
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    ex.sendError(400, `the body is not valid UTF-8 (JSON must be sent as UTF-8, RFC 8259 §8.1).`, 'MALFORMED_BODY');
    return undefined;
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    ex.sendError(400, `the body is not valid JSON (${(error as Error).message.slice(0, 200)}).`, 'MALFORMED_BODY');
    return undefined;
  }
}

function readSignedBody(
  ex: MockExchange,
  mounted: MountedOperation,
  contentType: string | undefined,
  raw: Buffer | undefined,
): { value: unknown } | undefined {
  if (contentType === undefined || !/^\s*application\/jwt\s*(;|$)/i.test(contentType)) {
    ex.sendError(415, `Content-Type '${(contentType ?? '').slice(0, 100)}' is not application/jwt; send the body as a signed JWS.`);
    return undefined;
  }
  if (raw === undefined || raw.length === 0) {
    if (!mounted.body?.required) return { value: undefined };
    ex.sendError(400, `${mounted.operation.method} ${mounted.operation.path} needs a signed body (a compact JWS).`, 'MISSING_BODY');
    return undefined;
  }
  const decoded = decodeCompactJws(raw.toString('latin1'));
  if ('problem' in decoded) {
    // The standard's code for a message whose signature cannot be checked (payments 1.2.3: 400 BAD_SIGNATURE).
    ex.sendError(400, `the body is not a valid compact JWS: ${decoded.problem}.`, 'BAD_SIGNATURE');
    return undefined;
  }
  return { value: decoded.payload };
}
