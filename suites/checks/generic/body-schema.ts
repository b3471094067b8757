/**
 * A response body against the schema the spec documents for its status,
 * field by field: the JSON path, the rule as the spec writes it, the value.
 * Rules the spec writes on a number's text (`x-aferir-number-text`: a
 * `pattern` or `maxLength` on a number) are a defect of the spec, so breaking
 * them is a warning about the spec, not a failure of the target.
 */
import { responseFor } from '../../../specs/lookup.ts';
import type { MediaType } from '../../../specs/types.ts';
import type { Exchange } from '../../http/exchange.ts';
import { isJsonContentType } from '../../http/exchange.ts';
import type { CheckFinding, OperationContext } from '../types.ts';

/** Findings for one exchange's body; [] when there is nothing to judge here (other checks own the status and content type). */
export function bodySchemaFindings(exchange: Exchange, ctx: OperationContext): CheckFinding[] {
  const response = exchange.response!;
  const documented = responseFor(ctx.operation, response.status);
  if (!documented || documented.content.length === 0) return [];
  const media = mediaFor(documented.content, response.headers['content-type']);
  if (!media?.schema) return [];
  const body = exchange.body;
  switch (body.kind) {
    case 'not-json':
      return [];
    case 'empty':
      return [
        {
          message: `the body is empty; the spec documents a ${media.mediaType} body for ${documented.status}`,
          path: '$',
          rule: 'body required',
          on: exchange,
        },
      ];
    case 'truncated':
      return [
        {
          message: `the body is larger than the ${body.limit}-byte read limit (${response.bytes} bytes); reading stopped there and it was not validated`,
          path: '$',
          rule: `size ≤ ${body.limit} bytes`,
          actual: response.bytes,
          on: exchange,
        },
      ];
    case 'invalid-json':
      return [
        {
          message: `the body is not valid JSON although its Content-Type says so: ${body.error}`,
          path: '$',
          rule: 'valid JSON',
          on: exchange,
        },
      ];
    case 'invalid-jws':
      return [
        {
          message: `the body is not a compact JWS although its Content-Type is application/jwt: ${body.error}`,
          path: '$',
          rule: 'compact JWS (RFC 7515 §7.1)',
          on: exchange,
        },
      ];
    case 'json':
      return ctx.spec.validator.validate(media.schema, body.value).map((violation) => ({
        message: violation.message,
        path: violation.path,
        rule: violation.rule,
        actual: violation.value,
        on: exchange,
        ...(/\(on the number as text\)$/.test(violation.rule)
          ? {
              severity: 'warning' as const,
              message: `${violation.message} — a string rule the spec puts on a number (a spec defect; see 'aferir specs lint')`,
            }
          : {}),
      }));
  }
}

function mediaFor(content: readonly MediaType[], contentType: string | undefined): MediaType | undefined {
  const type = contentType?.split(';')[0]!.trim().toLowerCase(); // split always returns at least one part
  return (
    content.find((m) => m.mediaType.split(';')[0]!.trim().toLowerCase() === type) ??
    content.find((m) => isJsonContentType(m.mediaType)) ??
    content.find((m) => m.mediaType === '*/*')
  );
}
