/**
 * 200 bodies for the enveloped families (`{data, links?, meta?}` of Open
 * Finance, Open Insurance and Opus), serialised once and kept in the cache
 * with a placeholder where `requestDateTime` goes. On a cache miss the body is
 * also checked against the spec: a data-engine bug is reported (once per
 * operation) rather than silently served. Every body is checked until an
 * operation has answered CHECKED_IN_FULL of them, then one in CHECK_EVERY:
 * ajv over a 60-entry page cost a fifth of a fresh request (bench/README.md),
 * and the data engine's leaf checks already keep every value in its schema.
 */
import { buildMeta } from '../../data/error-body.ts';
import type { MockExchange } from './mock-exchange.ts';
import type { MountedOperation } from './mount.ts';
import type { PageWindow } from '../../data/paging.ts';
import { TIMESTAMP_PLACEHOLDER } from './response-cache.ts';
import { toViolations } from '../../specs/violations.ts';

/** A page's data already serialised (DataAnswer.renderJson): placed in the body as it is. */
export class RenderedJson {
  /** The UTF-8 pieces that, concatenated, are the data's JSON. */
  constructor(readonly chunks: readonly Buffer[]) {}

  get text(): string {
    return Buffer.concat(this.chunks).toString();
  }

  get byteLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** Any other writer that serialises it (a signed body, say) writes the same items: parsing JSON.stringify's text gives them back. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Where a RenderedJson goes in the serialised body (a NUL can be in no request URL nor any generated value). */
const DATA_PLACEHOLDER = '\u0000aferir-data\u0000';
const DATA_JSON = JSON.stringify(DATA_PLACEHOLDER);

export interface SuccessParts {
  data: unknown;
  links?: Record<string, string>;
  window?: PageWindow;
}

/** A body of more pieces than this is joined before it is written (each write has a cost of its own). */
const MAX_PIECES_WRITTEN = 8;
const CHECKED_IN_FULL = 64;
const CHECK_EVERY = 64;
/** Bodies up to this size are checked one in CHECK_EVERY; a larger one only once proportionally more have gone unchecked. */
const CHECK_UNIT_BYTES = 64 * 1024;
const checkedBodies = new WeakMap<MountedOperation, { count: number; sinceCheck: number }>();

/**
 * Whether this body of the operation is one the spec check samples (see the file's comment): after the first
 * CHECKED_IN_FULL, one in CHECK_EVERY — counted in units of CHECK_UNIT_BYTES, so that a 200 KB page, whose check
 * (parse and ajv) costs as much as three small ones, is checked a third as often and the check's share stays the same.
 */
function sampled(mounted: MountedOperation, bytes: number): boolean {
  let counts = checkedBodies.get(mounted);
  if (!counts) checkedBodies.set(mounted, (counts = { count: 0, sinceCheck: 0 }));
  counts.count++;
  if (counts.count <= CHECKED_IN_FULL) return true;
  counts.sinceCheck += 1;
  if (counts.sinceCheck < CHECK_EVERY * Math.max(1, bytes / CHECK_UNIT_BYTES)) return false;
  counts.sinceCheck = 0;
  return true;
}

export function renderSuccess(
  ex: MockExchange,
  mounted: MountedOperation,
  parts: SuccessParts,
  cacheKey: string | undefined,
): Buffer | readonly Buffer[] {
  const { runtime } = ex;
  const requestDateTime = runtime.clock.requestDateTime();
  // A body that will not be kept is written with its timestamp at once: no placeholder to split around.
  const kept = cacheKey !== undefined && runtime.cache.admits(cacheKey);
  const rendered = parts.data instanceof RenderedJson ? parts.data : undefined;
  const data = rendered ? DATA_PLACEHOLDER : parts.data;
  const body: Record<string, unknown> = {};
  let meta: Record<string, unknown> | undefined;
  for (const name of mounted.success.properties) {
    if (name === 'data') body.data = data;
    else if (name === 'links' && parts.links) body.links = parts.links;
    else if (name === 'meta' && mounted.meta) {
      const window = parts.window;
      meta = buildMeta(mounted.meta, {
        totalRecords: window ? window.total : 1,
        totalPages: window ? window.totalPages : 1,
        requestDateTime: kept ? TIMESTAMP_PLACEHOLDER : requestDateTime,
        hasMoreRecords: window ? window.offset + window.count < window.total : false,
      });
      body.meta = meta;
    }
  }
  if (!('data' in body)) body.data = data;
  const json = JSON.stringify(body);
  const bytes = json.length + (rendered ? rendered.byteLength : 0);
  if (mounted.success.schema && sampled(mounted, bytes)) {
    if (meta && 'requestDateTime' in meta) meta.requestDateTime = requestDateTime;
    if (rendered) body.data = JSON.parse(rendered.text);
    validateBody(ex, mounted, body);
  }
  if (!rendered) return kept ? runtime.cache.store(cacheKey, json, requestDateTime) : Buffer.from(json);
  const [head = '', tail = ''] = json.split(DATA_JSON);
  if (kept) return runtime.cache.store(cacheKey, head + rendered.text + tail, requestDateTime);
  // The page's items go between the body's two ends as they are: encoded once, when first rendered. A few pieces
  // (a slice of a run) are written as they are; many (entries kept one by one) are cheaper joined than written apart.
  const pieces = [Buffer.from(head), ...rendered.chunks, Buffer.from(tail)];
  return pieces.length <= MAX_PIECES_WRITTEN ? pieces : Buffer.concat(pieces);
}

export function checkAgainstSpec(ex: MockExchange, mounted: MountedOperation, body: unknown): void {
  if (mounted.success.schema && sampled(mounted, 0)) validateBody(ex, mounted, body);
}

function validateBody(ex: MockExchange, mounted: MountedOperation, body: unknown): void {
  const schema = mounted.success.schema;
  if (!schema) return;
  const validate = mounted.api.spec.validator.compile(schema);
  if (validate(body)) return;
  const [first] = toViolations(validate.errors ?? [], body);
  ex.runtime.warnOnce(
    `invalid-200:${mounted.key}`,
    `${mounted.api.spec.id} ${mounted.operation.id}: the generated 200 body breaks the spec at ${first?.path ?? '$'} (${first?.rule ?? 'schema'}); this is a data-engine bug, please report it.`,
  );
}
