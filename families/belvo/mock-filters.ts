/**
 * Belvo's documented list filters, applied to the accounts of the world, and
 * `fields`/`omit`, which trim each result. Values arrive already converted by
 * the spec's parameter schemas (numbers, arrays of the comma-separated forms).
 */
import { isJsonRecord } from '../../specs/json-schema.ts';

type Item = Record<string, unknown>;
type Predicate = (item: Item) => boolean;

const NUMERIC_FIELDS: Record<string, (item: Item) => unknown> = {
  balance__available: (item) => memberOf(item.balance, 'available'),
  balance__current: (item) => memberOf(item.balance, 'current'),
};

const TEXT_FIELDS: Record<string, (item: Item) => unknown> = {
  link: (item) => item.link,
  id: (item) => item.id,
  category: (item) => item.category,
  currency: (item) => item.currency,
  institution: (item) => memberOf(item.institution, 'name'),
  name: (item) => item.name,
  number: (item) => item.number,
  public_identification_name: (item) => item.public_identification_name,
  public_identification_value: (item) => item.public_identification_value,
  type: (item) => item.type,
};

export function belvoFilter(values: Record<string, unknown>): Predicate {
  const predicates: Predicate[] = [];
  for (const [name, value] of Object.entries(values)) {
    const predicate = predicateFor(name, value);
    if (predicate) predicates.push(predicate);
  }
  return (item) => predicates.every((p) => p(item));
}

function predicateFor(name: string, value: unknown): Predicate | undefined {
  const [field, operator = 'exact'] = splitOperator(name);
  const numeric = NUMERIC_FIELDS[field];
  if (numeric) return compare(numeric, operator, value, (x) => (typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN));
  if (field === 'created_at')
    return compare(
      (item) => item.created_at,
      operator,
      value,
      (x) => (typeof x === 'string' ? x.slice(0, 10) : ''),
    );
  const text = TEXT_FIELDS[field];
  if (!text) return undefined;
  if (operator === 'exact') return (item) => text(item) === value;
  if (operator === 'in' && Array.isArray(value)) return (item) => value.includes(text(item));
  if (operator === 'icontains' && typeof value === 'string') {
    const needle = value.toLowerCase();
    return (item) =>
      String(text(item) ?? '')
        .toLowerCase()
        .includes(needle);
  }
  return undefined;
}

function splitOperator(name: string): [string, string?] {
  const match = /^(.*?)__(lt|lte|gt|gte|range|in|icontains)$/.exec(name);
  return match ? [match[1]!, match[2]] : [name]; // both groups always take part in a match
}

function compare<T extends number | string>(
  read: (item: Item) => unknown,
  operator: string,
  value: unknown,
  as: (x: unknown) => T,
): Predicate | undefined {
  const get = (item: Item) => as(read(item));
  const bound = (x: unknown) => as(x);
  switch (operator) {
    case 'exact':
      return (item) => get(item) === bound(value);
    case 'lt':
      return (item) => get(item) < bound(value);
    case 'lte':
      return (item) => get(item) <= bound(value);
    case 'gt':
      return (item) => get(item) > bound(value);
    case 'gte':
      return (item) => get(item) >= bound(value);
    case 'range':
      if (!Array.isArray(value) || value.length !== 2) return undefined;
      return (item) => get(item) >= bound(value[0]) && get(item) <= bound(value[1]);
    case 'in':
      if (!Array.isArray(value)) return undefined;
      return (item) => value.map(bound).includes(get(item));
    default:
      return undefined;
  }
}

/** `fields=id,balance` keeps only those members; `omit=credit_data` drops members. */
export function projection(fields: string | undefined, omit: string | undefined): ((item: Item) => Item) | undefined {
  const keep = list(fields);
  const drop = list(omit);
  if (!keep && !drop) return undefined;
  return (item) => {
    const result: Item = {};
    for (const [key, value] of Object.entries(item)) {
      if (keep && !keep.has(key)) continue;
      if (drop?.has(key)) continue;
      result[key] = value;
    }
    return result;
  };
}

/** A member of a nested object of an item; undefined when the item holds no object there. */
function memberOf(value: unknown, key: string): unknown {
  return isJsonRecord(value) ? value[key] : undefined;
}

function list(text: string | undefined): Set<string> | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 ? new Set(names) : undefined;
}
