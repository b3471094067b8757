/**
 * The full response body around a DataAnswer, in the family's success body
 * (FamilyProfile.successBody): `data` + `links` + `meta` (OFB, OPIN; Opus
 * without links), `{count, next, previous, results}` (Belvo), or the object
 * itself (the originator). What goes in links and
 * meta follows the response schema of the operation (transactions' meta has
 * no totals, Opus has no links), and the result is passed through the
 * generator so whatever else the schema requires is filled in validly.
 *
 * `aferir data` uses it. Its links and page arithmetic come from
 * data/paging.ts, the rules the mock server answers with, so a body printed
 * here is one the suites would accept from the mock.
 */
import { profileOf } from '../families/index.ts';
import { jsonMedia } from '../specs/lookup.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../specs/types.ts';
import type { DataAnswer } from './api.ts';
import { plannerFor } from './planners.ts';
import { hashString, Rng } from './random.ts';
import { mergeAllOf } from './schema/merge.ts';
import { OMIT, Verbatim } from './schema/plan.ts';
import { buildLinks, pageUrl, pageWindow } from './paging.ts';

export interface EnvelopeOptions {
  /** The seed of the world, so that any gap the generator fills is deterministic (default '1'). */
  seed?: string;
  /** 1-based page number (default 1). */
  page?: number;
  /** Items per page (default: the family's, 25 for OFB/OPIN/Opus, 100 for Belvo; clamped to 1..its maximum, 1000). */
  pageSize?: number;
  /** Absolute URL of the API base, e.g. `https://api.banco.com.br/open-banking/accounts/v2` (default: an https URL on api.banco.example plus the spec's base path). */
  baseUrl?: string;
  /** The request path relative to the base, ids filled in (default: the operation's template with `pathParams` filled in). */
  path?: string;
  /** Path parameter values used to fill the operation's template when `path` is not given. */
  pathParams?: Record<string, string>;
  /** Extra query parameters to keep in links (filters), besides the paging ones. */
  query?: Record<string, string>;
  /** meta.requestDateTime and the clock for anything dated (default: now). */
  requestDateTime?: Date;
}

function successBodySchema(operation: Operation): JsonSchema | undefined {
  // Exactly 200 first: responseFor would also match `default`, an error body (a POST's 201 comes next).
  const response = operation.responses.find((r) => r.status === '200') ?? operation.responses.find((r) => /^2\d\d$/.test(r.status));
  return response ? jsonMedia(response.content)?.schema : undefined;
}

function propertiesOf(schema: JsonSchema | undefined, name: string): Record<string, unknown> {
  if (!schema || typeof schema !== 'object') return {};
  const member = mergeAllOf(schema).properties?.[name];
  return member && typeof member === 'object' ? (mergeAllOf(member).properties ?? {}) : {};
}

/** The whole success body for an `object` or `page` answer (other answers are the server's to turn into errors). */
export function buildEnvelope(spec: LoadedSpec, operation: Operation, answer: DataAnswer, options: EnvelopeOptions = {}): unknown {
  if (answer.kind !== 'object' && answer.kind !== 'page')
    throw new TypeError(`buildEnvelope: a '${answer.kind}' answer has no success body.`);
  const schema = successBodySchema(operation);
  const { successBody, paging } = profileOf(spec);
  const total = answer.kind === 'page' ? answer.total : 1;
  // `aferir data` has nobody to answer 422 to: out-of-range paging is clamped instead.
  const pageSize = Math.min(paging.maxSize, Math.max(1, Math.floor(options.pageSize ?? paging.defaultSize)));
  const window = pageWindow(Math.max(1, Math.floor(options.page ?? 1)), pageSize, total);
  const data = answer.kind === 'page' ? answer.render(window.offset, window.pageSize) : answer.data;
  if (successBody === 'bare' || schema === undefined) return data;

  const now = options.requestDateTime ?? new Date();
  const base = new URL(options.baseUrl ?? `https://api.banco.example${spec.basePath}`);
  const origin = base.origin;
  const relative =
    options.path ??
    operation.path.replace(/\{([^}]+)\}/g, (whole, name: string) =>
      options.pathParams?.[name] !== undefined ? encodeURIComponent(options.pathParams[name]) : whole,
    );
  const path = `${base.pathname.replace(/\/+$/, '')}${relative}`;
  const kept = Object.entries(options.query ?? {}).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  const hasNext = window.page < window.totalPages;

  let facts: Record<string, unknown>;
  if (successBody === 'count-next-results') {
    const at = (page: number) => pageUrl(origin, path, kept, paging.names, window.pageSize, page);
    facts = {
      count: total,
      next: hasNext ? at(window.page + 1) : null,
      previous: window.page > 1 && window.totalPages > 0 ? at(Math.min(window.page - 1, window.totalPages)) : null,
      results: new Verbatim(data),
    };
  } else {
    const linkNames = propertiesOf(schema, 'links');
    const metaNames = propertiesOf(schema, 'meta');
    const selfUrl = answer.kind === 'page' ? pageUrl(origin, path, kept, paging.names, window.pageSize, window.page) : `${origin}${path}`;
    const links: Record<string, unknown> =
      answer.kind === 'page'
        ? buildLinks(new Set(Object.keys(linkNames)), paging.names, selfUrl, origin, path, kept.join('&'), window)
        : { self: selfUrl };
    // Links the rules leave out must stay out, not be filled in by the generator.
    for (const name of Object.keys(linkNames)) if (!(name in links)) links[name] = OMIT;
    const meta: Record<string, unknown> = {};
    if ('totalRecords' in metaNames) meta.totalRecords = total;
    if ('totalPages' in metaNames) meta.totalPages = answer.kind === 'page' ? window.totalPages : 1;
    if ('requestDateTime' in metaNames) meta.requestDateTime = new Date(Math.floor(now.getTime() / 1000) * 1000);
    if ('hasMoreRecords' in metaNames) meta.hasMoreRecords = hasNext;
    for (const name of Object.keys(metaNames)) if (!(name in meta)) meta[name] = OMIT;
    facts = { data: new Verbatim(data), links, meta };
  }
  const rng = new Rng(hashString(`${options.seed ?? '1'}:envelope:${spec.id}:${operation.id}`));
  return plannerFor(spec).generate(schema, rng, { now: now.getTime() }, facts);
}
