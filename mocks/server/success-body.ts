/**
 * 200 bodies for the enveloped families (`{data, links?, meta?}` of Open
 * Finance, Open Insurance and Opus), serialised once and kept in the cache
 * with a placeholder where `requestDateTime` goes. On a cache miss the body is
 * also checked against the spec: a data-engine bug is reported (once per
 * operation) rather than silently served.
 */
import { buildMeta } from '../../data/error-body.ts';
import type { MockExchange } from './mock-exchange.ts';
import type { MountedOperation } from './mount.ts';
import type { PageWindow } from '../../data/paging.ts';
import { TIMESTAMP_PLACEHOLDER } from './response-cache.ts';
import { toViolations } from '../../specs/violations.ts';

export interface SuccessParts {
  data: unknown;
  links?: Record<string, string>;
  window?: PageWindow;
}

export function renderSuccess(ex: MockExchange, mounted: MountedOperation, parts: SuccessParts, cacheKey: string | undefined): Buffer {
  const { runtime } = ex;
  const requestDateTime = runtime.clock.requestDateTime();
  const body: Record<string, unknown> = {};
  let meta: Record<string, unknown> | undefined;
  for (const name of mounted.success.properties) {
    if (name === 'data') body.data = parts.data;
    else if (name === 'links' && parts.links) body.links = parts.links;
    else if (name === 'meta' && mounted.meta) {
      const window = parts.window;
      meta = buildMeta(mounted.meta, {
        totalRecords: window ? window.total : 1,
        totalPages: window ? window.totalPages : 1,
        requestDateTime: TIMESTAMP_PLACEHOLDER,
        hasMoreRecords: window ? window.offset + window.count < window.total : false,
      });
      body.meta = meta;
    }
  }
  if (!('data' in body)) body.data = parts.data;
  const json = JSON.stringify(body);
  if (meta && 'requestDateTime' in meta) meta.requestDateTime = requestDateTime;
  checkAgainstSpec(ex, mounted, body);
  return runtime.cache.put(cacheKey, json, requestDateTime);
}

export function checkAgainstSpec(ex: MockExchange, mounted: MountedOperation, body: unknown): void {
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
