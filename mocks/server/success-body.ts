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

const CHECKED_IN_FULL = 64;
const CHECK_EVERY = 64;
const checkedBodies = new WeakMap<MountedOperation, number>();

/** Whether this body of the operation is one the spec check samples (see the file's comment). */
function sampled(mounted: MountedOperation): boolean {
  const count = (checkedBodies.get(mounted) ?? 0) + 1;
  checkedBodies.set(mounted, count);
  return count <= CHECKED_IN_FULL || count % CHECK_EVERY === 0;
}

export function renderSuccess(ex: MockExchange, mounted: MountedOperation, parts: SuccessParts, cacheKey: string | undefined): Buffer {
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
  if (mounted.success.schema && sampled(mounted)) {
    if (meta && 'requestDateTime' in meta) meta.requestDateTime = requestDateTime;
    if (rendered) body.data = JSON.parse(rendered.text);
    validateBody(ex, mounted, body);
  }
  if (!rendered) return kept ? runtime.cache.store(cacheKey, json, requestDateTime) : Buffer.from(json);
  const [head = '', tail = ''] = json.split(DATA_JSON);
  if (kept) return runtime.cache.store(cacheKey, head + rendered.text + tail, requestDateTime);
  // The page's items are copied between the body's two ends as they are: encoded once, when first rendered.
  return Buffer.concat([Buffer.from(head), ...rendered.chunks, Buffer.from(tail)]);
}

export function checkAgainstSpec(ex: MockExchange, mounted: MountedOperation, body: unknown): void {
  if (mounted.success.schema && sampled(mounted)) validateBody(ex, mounted, body);
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
