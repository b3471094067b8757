/**
 * Every response header the spec declares for the status being answered, required or not, sent with a value
 * its schema accepts (a real transmitter sends what its contract lists; `x-v` on the Open Finance APIs is one).
 * A header the answer already carries (the echoed interaction id, content type, length) is left alone. The
 * value: for a version header (`x-v`, `*-version`) the spec's own version when the schema takes it; otherwise
 * the header's documented example or default when valid; otherwise a value the data engine generates for the
 * schema. Worked out once per operation and status.
 */
import { responseFor } from '../../specs/lookup.ts';
import type { MountedOperation } from './mount.ts';
import type { MockRuntime } from './runtime.ts';

/** Set by the protocol, never by the spec's declaration. */
const OURS = new Set(['content-type', 'content-length', 'date', 'transfer-encoding', 'connection']);
const VERSION_HEADER = /(^|-)v$|version/i;

const memo = new WeakMap<MountedOperation, Map<number, Array<[string, string]>>>();

export function declaredHeaders(mounted: MountedOperation, status: number, runtime: MockRuntime): Array<[string, string]> {
  let byStatus = memo.get(mounted);
  if (!byStatus) memo.set(mounted, (byStatus = new Map()));
  let headers = byStatus.get(status);
  if (!headers) byStatus.set(status, (headers = compute(mounted, status, runtime)));
  return headers;
}

function compute(mounted: MountedOperation, status: number, runtime: MockRuntime): Array<[string, string]> {
  const { spec } = mounted.api;
  const response = responseFor(mounted.operation, status);
  const out: Array<[string, string]> = [];
  for (const header of response?.headers ?? []) {
    const name = header.name.toLowerCase();
    if (OURS.has(name)) continue;
    const schema = header.schema ?? { type: 'string' };
    const validate = spec.validator.compile(schema);
    const candidates: unknown[] = [];
    if (VERSION_HEADER.test(name)) candidates.push(spec.version);
    if (typeof schema === 'object') candidates.push(schema.example, schema.default);
    const chosen = candidates.find((value) => value !== undefined && validate(value));
    const value = chosen ?? runtime.world().sample(spec, schema, `header ${mounted.operation.id} ${status} ${name}`);
    if (value === undefined || value === null) continue;
    // A header carries visible ASCII only: accents are folded, anything else leaves the header out.
    const text = (typeof value === 'string' ? value : JSON.stringify(value)).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (/^[\x20-\x7e]*$/.test(text)) out.push([name, text]);
  }
  return out;
}
