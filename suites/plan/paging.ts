/**
 * How an operation pages, read from its spec (its family's paging rules fill
 * in what the spec leaves out):
 *  - `links-meta` (Open Finance, Open Insurance): `page`/`page-size` in the
 *    query, `links` (self/first/prev/next/last) and `meta` totals;
 *  - `meta` (Opus): `page`/`pageSize` in the JSON body, `meta` totals or
 *    `hasMoreRecords`, no links;
 *  - `count-next` (Belvo): `page`/`page_size` in the query, `count`, `next`,
 *    `previous`, `results`.
 */
import type { PagingRules } from '../../families/family-profile.ts';
import { isJsonRecord } from '../../specs/json-schema.ts';
import type { JsonSchema, Operation } from '../../specs/types.ts';
import type { RequestPlan } from './request-plan.ts';
import { isObjectSchema, propertiesOf, requestBodySchema, requiredOf, successSchema, typeIncludes } from './schema-shape.ts';

type PagingStyle = 'links-meta' | 'meta' | 'count-next';

export interface PagingProfile {
  style: PagingStyle;
  /** Where page and size go. */
  location: 'query' | 'body';
  pageName: string;
  sizeName: string;
  /** The size used when the request gives none (the parameter's `default`). */
  defaultSize: number;
  /** The largest size the spec allows (its `maximum`). */
  maxSize: number;
  /** The smallest size the spec allows (its `minimum`, 1 when it gives none): the walk never asks for less. */
  minSize: number;
  /** What a size above the maximum must get: 422, or treated as the maximum (the family's rule; Belvo documents clamping). */
  overMax: 'reject' | 'clamp';
  /**
   * Where the items are in the body, e.g. ['data'], ['data', 'releases'], ['results'];
   * undefined when the spec does not say which list is paged (only the page-size limits are checked then).
   */
  itemsPath?: string[];
  /** Whether the body states totals (meta.totalRecords/totalPages, or count). */
  hasTotals: boolean;
  /** Link names the spec's links object declares (links-meta only). */
  linkNames: string[];
}

/** One page as the checks read it. */
export interface PageView {
  items: unknown[];
  totalRecords?: number;
  totalPages?: number;
  hasMore?: boolean;
  /** Links by name; null when present but null (Belvo). */
  links: Partial<Record<'self' | 'first' | 'prev' | 'next' | 'last', string | null>>;
}

export function pagingProfile(operation: Operation, rules: PagingRules): PagingProfile | undefined {
  const success = successSchema(operation);
  const props = propertiesOf(success);
  const query = (name: string) => operation.parameters.find((p) => p.in === 'query' && p.name === name);
  const bodyProps = propertiesOf(requestBodySchema(operation));

  let location: 'query' | 'body';
  let pageName = 'page';
  let sizeName: string;
  let sizeSchema: JsonSchema | undefined;
  if (query('page-size')) {
    location = 'query';
    sizeName = 'page-size';
    sizeSchema = query('page-size')!.schema;
  } else if (query('page_size')) {
    location = 'query';
    sizeName = 'page_size';
    sizeSchema = query('page_size')!.schema;
  } else if (bodyProps.pageSize) {
    location = 'body';
    sizeName = 'pageSize';
    sizeSchema = bodyProps.pageSize;
  } else {
    return undefined;
  }
  if (location === 'query' && !query(pageName)) pageName = 'page';

  let style: PagingStyle;
  let itemsPath: string[] | undefined;
  let hasTotals: boolean;
  if (props.count !== undefined && props.results !== undefined && props.next !== undefined) {
    style = 'count-next';
    itemsPath = ['results'];
    hasTotals = true;
  } else if (props.data !== undefined && props.meta !== undefined) {
    style = props.links !== undefined ? 'links-meta' : 'meta';
    const nested = itemsPathOf(props.data);
    itemsPath = nested ? ['data', ...nested] : undefined;
    hasTotals = propertiesOf(props.meta).totalRecords !== undefined;
  } else {
    return undefined;
  }
  const sizeRules = isObjectSchema(sizeSchema) ? sizeSchema : {};
  return {
    style,
    location,
    pageName,
    sizeName,
    defaultSize: typeof sizeRules.default === 'number' ? sizeRules.default : rules.defaultSize,
    maxSize: typeof sizeRules.maximum === 'number' ? sizeRules.maximum : rules.maxSize,
    minSize: typeof sizeRules.minimum === 'number' ? Math.max(1, Math.ceil(sizeRules.minimum)) : 1,
    overMax: rules.overMax,
    itemsPath,
    hasTotals,
    linkNames: Object.keys(propertiesOf(props.links)),
  };
}

/**
 * [] when `data` is the list; [name] when data is an object whose one required
 * list is paged (financing payments' `releases`). An optional list (scheduled
 * instalments' `balloonPayments`) is not what the page counts.
 */
function itemsPathOf(data: JsonSchema): string[] | undefined {
  if (typeIncludes(data, 'array')) return [];
  const required = requiredOf(data);
  const arrays = Object.entries(propertiesOf(data)).filter(([name, schema]) => typeIncludes(schema, 'array') && required.includes(name));
  const [only, ...more] = arrays;
  return only && more.length === 0 ? [only[0]] : undefined;
}

/** The plan asking for one page (size omitted = the server's default). */
export function withPage(plan: RequestPlan, paging: PagingProfile, page: number | undefined, size: number | undefined): RequestPlan {
  if (paging.location === 'query') {
    const query = { ...plan.query };
    if (page === undefined) delete query[paging.pageName];
    else query[paging.pageName] = String(page);
    if (size === undefined) delete query[paging.sizeName];
    else query[paging.sizeName] = String(size);
    return { ...plan, query };
  }
  const body = { ...((plan.body as Record<string, unknown>) ?? {}) };
  if (page === undefined) delete body[paging.pageName];
  else body[paging.pageName] = page;
  if (size === undefined) delete body[paging.sizeName];
  else body[paging.sizeName] = size;
  return { ...plan, body };
}

/** Reads one page; a string says why the body cannot be read as a page. */
export function readPage(body: unknown, paging: PagingProfile): PageView | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body is not a JSON object';
  if (paging.itemsPath === undefined) return 'the spec does not say which list of the body is paged';
  const record = body as Record<string, unknown>; // an object, checked above
  let items: unknown = record;
  for (const key of paging.itemsPath) items = (items as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(items)) return `$.${paging.itemsPath.join('.')} is not an array`;
  if (paging.style === 'count-next') {
    return {
      items,
      totalRecords: numberOrUndefined(record.count),
      links: { next: linkValue(record.next), prev: linkValue(record.previous) },
    };
  }
  const meta: Record<string, unknown> = isJsonRecord(record.meta) ? record.meta : {};
  const links: Record<string, unknown> = isJsonRecord(record.links) ? record.links : {};
  return {
    items,
    totalRecords: numberOrUndefined(meta.totalRecords),
    totalPages: numberOrUndefined(meta.totalPages),
    hasMore: typeof meta.hasMoreRecords === 'boolean' ? meta.hasMoreRecords : undefined,
    links:
      paging.style === 'links-meta'
        ? {
            self: linkValue(links.self),
            first: linkValue(links.first),
            prev: linkValue(links.prev),
            next: linkValue(links.next),
            last: linkValue(links.last),
          }
        : {},
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function linkValue(value: unknown): string | null | undefined {
  if (value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/** The page number a link asks for (`page` query parameter), or undefined when it names none. */
export function pageOfLink(link: string, paging: PagingProfile): number | undefined {
  try {
    const value = new URL(link).searchParams.get(paging.pageName);
    if (value === null) return undefined;
    const page = Number(value);
    return Number.isInteger(page) ? page : undefined;
  } catch {
    return undefined;
  }
}
