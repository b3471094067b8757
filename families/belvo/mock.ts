/**
 * Belvo's aggregator API: basic auth (401 as an array of `{code, message,
 * request_id}`), Django REST framework paging (`count/next/previous/results`;
 * `page_size` 100 by default, values above 1000 treated as 1000 and unusable
 * ones as the default, as DRF does), the documented filters and fields/omit.
 */
import { holdsNothing, readCredentials, wrongBasicPair } from '../../mocks/server/auth.ts';
import { acceptsJson } from '../../mocks/server/negotiate.ts';
import { originOf } from '../../mocks/server/origin.ts';
import { pageUrl, pageWindow, queryWithout } from '../../data/paging.ts';
import { parseQuery } from '../../mocks/server/query.ts';
import { checkParameters } from '../../mocks/server/request-params.ts';
import { checkAgainstSpec } from '../../mocks/server/success-body.ts';
import { belvoFilter, projection } from './mock-filters.ts';
import { answerApiRoot } from './mock-api-root.ts';
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';
import type { PagingRules } from '../family-profile.ts';

/** A list larger than this is not filtered in memory (the generated worlds stay far below it). */
const MAX_FILTERED = 100_000;

/** Answers 401 or 403 and returns true when the request's basic credentials do not pass. */
function refusedCredentials(ex: MockExchange, secured: boolean): boolean {
  const credentials = readCredentials(ex.req.headers.authorization);
  if (secured && credentials.kind !== 'basic') {
    ex.sendError(
      401,
      credentials.kind === 'missing'
        ? 'Authentication credentials were not provided; use HTTP basic auth with your secret key id and password.'
        : 'Invalid authentication credentials; use HTTP basic auth with your secret key id and password.',
    );
    return true;
  }
  if (secured && wrongBasicPair(credentials, ex.runtime.basicPairs)) {
    ex.sendError(401, 'Invalid username/password.');
    return true;
  }
  if (holdsNothing(credentials)) {
    ex.sendError(403, 'These credentials hold no permission (aferir: convention), so access to the resource is denied.');
    return true;
  }
  return false;
}

export const belvoMock: MockHandler = {
  unrouted: (ex, api) => answerApiRoot(ex, api, (secured) => refusedCredentials(ex, secured)),
  handle(ex, mounted) {
    const { req } = ex;
    if (refusedCredentials(ex, mounted.secured)) return;
    if (!acceptsJson(req.headers.accept))
      return ex.sendError(406, 'Could not satisfy the request Accept header; only application/json is served.');

    const origin = originOf(req, mounted.api, ex.runtime.listening);
    const cacheKey = `${mounted.key} ${origin}${req.url}`;
    const cached = ex.runtime.cache.get(cacheKey, '');
    if (cached) return ex.send(200, cached);

    const query = parseQuery(ex.rawQuery);
    const { paging } = mounted.api.profile;
    const values: Record<string, unknown> = {};
    // The size is read as Django REST framework reads it (drfPageSize), not by its schema.
    const problems = checkParameters(mounted.params.query, (key) => query[key], values, new Set([paging.names.pageSize]));
    if (problems.length > 0)
      return ex.sendError(
        400,
        problems.map((p) => ({ code: 'invalid', title: 'Bad request', detail: `${p.message}.` })),
      );
    const pageSize = drfPageSize(query[paging.names.pageSize], paging);
    const page = typeof values.page === 'number' ? values.page : 1;

    const answer = ex.runtime.world().resolve(mounted.api.spec, mounted.operation, { pathParams: ex.pathParams, query, body: undefined });
    if (answer.kind === 'not-found') return ex.sendError(404, answer.message);
    if (answer.kind === 'unprocessable') return ex.sendError(400, answer.message);
    const all = answer.kind === 'page' ? (answer.render(0, Math.min(answer.total, MAX_FILTERED)) as unknown[]) : (answer.data as unknown[]);
    const items = (Array.isArray(all) ? all : []).filter(belvoFilter(values) as (item: unknown) => boolean);
    const window = pageWindow(page, pageSize, items.length);
    if (page > Math.max(window.totalPages, 1)) return ex.sendError(404, 'Invalid page.');

    const kept = queryWithout(ex.rawQuery, [paging.names.page, paging.names.pageSize]);
    const url = (n: number) => pageUrl(origin, ex.path, kept, paging.names, pageSize, n);
    const project = projection(values.fields as string | undefined, values.omit as string | undefined);
    const slice = items.slice(window.offset, window.offset + window.count);
    const body = {
      count: items.length,
      next: page < window.totalPages ? url(page + 1) : null,
      previous: page > 1 ? url(page - 1) : null,
      results: project ? slice.map((item) => project(item as Record<string, unknown>)) : slice,
    };
    // A projection leaves out required members on purpose; only whole results are held to the schema.
    if (!project) checkAgainstSpec(ex, mounted, body);
    return ex.send(200, ex.runtime.cache.put(cacheKey, JSON.stringify(body), ''));
  },
};

/** DRF's `get_page_size`: a positive integer, capped at the maximum; anything else means the default. */
function drfPageSize(raw: string | string[] | undefined, paging: PagingRules): number {
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return paging.defaultSize;
  const value = Number(text);
  if (value < 1) return paging.defaultSize;
  return Math.min(value, paging.maxSize);
}
