/**
 * List filters read from a spec's query parameters: which item member a
 * parameter filters on and how (equality, a set, a bound, a range, a
 * substring), the value that would tell a filter applied from one ignored —
 * chosen from the items of the unfiltered page so that some of them must drop
 * out — and whether an item of the filtered answer satisfies it.
 */
import type { Operation, Parameter } from '../../specs/types.ts';
import { isObjectSchema, propertiesOf, successSchema } from './schema-shape.ts';

type Lookup = 'exact' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'range' | 'icontains';

export interface Filter {
  parameter: string;
  /** Member path in a list item (`balance.available` for `balance__available__gte`). */
  path: string[];
  lookup: Lookup;
  /** Compare dates by their day (the parameter's schema is `format: date`). */
  byDay: boolean;
}

const DJANGO_LOOKUPS = new Set<Lookup>(['in', 'gt', 'gte', 'lt', 'lte', 'range', 'icontains']);

/** The filter a query parameter names, or undefined when it is no filter on an item member. */
export function filterOf(parameter: Parameter, django: boolean): Filter | undefined {
  if (parameter.in !== 'query') return undefined;
  const parts = django ? parameter.name.split('__') : [parameter.name];
  const last = parts[parts.length - 1] as Lookup;
  const lookup: Lookup = django && parts.length > 1 && DJANGO_LOOKUPS.has(last) ? last : 'exact';
  const path = lookup === 'exact' ? parts : parts.slice(0, -1);
  const schema = parameter.schema as { format?: string; items?: { format?: string } } | undefined;
  const byDay = schema?.format === 'date' || schema?.items?.format === 'date';
  return { parameter: parameter.name, path, lookup, byDay };
}

/** The member a filter reads, as a comparable scalar; undefined when the item has none (or an object there). */
export function memberOf(item: unknown, filter: Filter): string | number | undefined {
  let at: unknown = item;
  for (const name of filter.path)
    at = at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>)[name] : undefined;
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return filter.byDay ? at.slice(0, 10) : at;
  return undefined;
}

/** The query value to send, chosen so that some item of `values` must drop out when one can; undefined when no item has the member. */
export function filterValue(
  filter: Filter,
  values: ReadonlyArray<string | number>,
): { query: string; accepts: (v: string | number) => boolean } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  const rarest = [...new Set(values)].sort((a, b) => count(values, a) - count(values, b))[0]!;
  const numeric = typeof low === 'number';
  const same = (a: string | number, b: string | number) => (numeric ? Number(a) === Number(b) : String(a) === String(b));
  const num = (v: string | number) => (numeric ? Number(v) : v);
  switch (filter.lookup) {
    case 'exact':
      return { query: String(rarest), accepts: (v) => same(v, rarest) };
    case 'in':
      return { query: String(rarest), accepts: (v) => same(v, rarest) };
    case 'gte':
      return { query: String(high), accepts: (v) => num(v) >= num(high) };
    case 'gt':
      return { query: String(low), accepts: (v) => num(v) > num(low) };
    case 'lte':
      return { query: String(low), accepts: (v) => num(v) <= num(low) };
    case 'lt':
      return { query: String(high), accepts: (v) => num(v) < num(high) };
    case 'range':
      return { query: `${high},${high}`, accepts: (v) => num(v) >= num(high) && num(v) <= num(high) };
    case 'icontains': {
      const needle = String(rarest).slice(0, 4).toLowerCase();
      return { query: needle, accepts: (v) => String(v).toLowerCase().includes(needle) };
    }
  }
}

function count(values: ReadonlyArray<string | number>, value: string | number): number {
  return values.filter((v) => v === value).length;
}

/** Whether the list items the success schema pages (at `itemsPath`) declare the member at `path`. */
export function itemSchemaHas(operation: Operation, itemsPath: readonly string[], path: readonly string[]): boolean {
  let schema = successSchema(operation);
  for (const name of itemsPath) schema = propertiesOf(schema)[name];
  if (!isObjectSchema(schema)) return false;
  let at = Array.isArray(schema.items) ? undefined : schema.items;
  for (const name of path) {
    const next = propertiesOf(at)[name];
    at = Array.isArray(next) ? undefined : next;
  }
  return at !== undefined;
}
