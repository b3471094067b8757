/** Find operations and their response schemas by what users type on the command line. */
import { UsageError } from './errors.ts';
import type { JsonSchema, LoadedSpec, MediaType, Operation, ResponseSpec } from './types.ts';

export function findOperation(spec: LoadedSpec, id: string): Operation {
  const wanted = id.trim();
  const operation =
    spec.operations.find((op) => op.id === wanted) ??
    spec.operations.find((op) => `${op.method} ${op.path}`.toLowerCase() === wanted.toLowerCase());
  if (!operation) {
    const known = spec.operations.map((op) => op.id).join(', ');
    throw new UsageError(`Operation '${id}' is not in ${spec.id}; its operations are: ${known}.`);
  }
  return operation;
}

/** The documented response for a status: exact, then `4XX`-style ranges, then `default`. */
export function responseFor(operation: Operation, status: string | number): ResponseSpec | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    operation.responses.find((r) => r.status === 'default')
  );
}

/**
 * The JSON media type of a response or request body, preferring plain application/json; failing that, a signed
 * `application/jwt` body, whose schema is the JSON payload inside the JWS (the payments-family specs document it so).
 * Whoever sends or reads the bytes asks `isSignedMedia` to sign or decode.
 */
export function jsonMedia(content: readonly MediaType[]): MediaType | undefined {
  const json = content.filter((m) => /^application\/([\w.+-]+\+)?json\b/i.test(m.mediaType) || m.mediaType === '*/*');
  return json.find((m) => /^application\/json$/i.test(m.mediaType)) ?? json[0] ?? content.find(isSignedMedia);
}

const SIGNED_MEDIA = /^\s*application\/jwt\s*(;|$)/i;

/** Whether a media type is a compact JWS (`application/jwt`) rather than plain JSON. */
export function isSignedMedia(media: MediaType | undefined): boolean {
  return media !== undefined && SIGNED_MEDIA.test(media.mediaType);
}

/** Whether a Content-Type header value says `application/jwt`. */
export function isSignedContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && SIGNED_MEDIA.test(contentType);
}

/** Whether the body documented for this status (or the request body, for `undefined`) is only a signed one. */
export function signsBody(operation: Operation, status?: number | string): boolean {
  const content = status === undefined ? operation.requestBody?.content : responseFor(operation, status)?.content;
  return content !== undefined && isSignedMedia(jsonMedia(content));
}

export function responseSchemaFor(spec: LoadedSpec, operation: Operation, status: string): JsonSchema {
  const response = responseFor(operation, status);
  if (!response) {
    const documented = operation.responses.map((r) => r.status).join(', ');
    throw new UsageError(`${operation.id} of ${spec.id} documents no response ${status}; it documents ${documented}.`);
  }
  const media = jsonMedia(response.content);
  if (!media?.schema) {
    throw new UsageError(`Response ${response.status} of ${operation.id} in ${spec.id} has no JSON schema to validate against.`);
  }
  return media.schema;
}
