/**
 * Resources a POST creates exist afterwards: the record a POST answers with (the data engine's body for the
 * documented 201) gets a fresh id, is kept in the state store (memory, or Redis with `--state`), and a later
 * GET, PATCH or DELETE that names that id finds, changes or removes it. Which id: the path parameter of the
 * routes under the POST's path (`POST /consents` → `/consents/{consentId}`), placed wherever the response's
 * data shows that name. Ids are deterministic under `--seed`: the n-th creation on an operation of a fresh mock
 * always gets the same id. Records expire after CREATED_TTL_SECONDS; the memory store's entry cap bounds them.
 */
import { isSchemaObject } from '../../specs/json-schema.ts';
import { idPaths } from '../../data/resolve/id-paths.ts';
import type { World } from '../../data/api.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import type { StateStore } from '../state/store.ts';
import type { MountedOperation } from './mount.ts';

/** How long a created resource lives: one hour. */
const CREATED_TTL_SECONDS = 3600;

interface Stored {
  data: unknown;
}

export class CreatedResources {
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly store: StateStore,
    private readonly ttlSeconds = CREATED_TTL_SECONDS,
  ) {}

  /** The id name a POST's resource is addressed by, or undefined when no route takes it. */
  static idNameOf(spec: LoadedSpec, operation: Operation): { name: string; schema: JsonSchema } | undefined {
    const prefix = `${operation.path.replace(/\/$/, '')}/{`;
    for (const other of spec.operations) {
      if (!other.path.startsWith(prefix)) continue;
      const name = other.path.slice(prefix.length).split('}')[0]!;
      const parameter = other.parameters.find((p) => p.in === 'path' && p.name === name);
      if (parameter) return { name, schema: parameter.schema ?? { type: 'string' } };
    }
    return undefined;
  }

  /** Gives the created `data` a fresh id (in place) and keeps it; returns the id, or undefined when nothing can address it. */
  async create(mounted: MountedOperation, world: World, data: unknown, dataSchema: JsonSchema | undefined): Promise<string | undefined> {
    const { spec } = mounted.api;
    const id = CreatedResources.idNameOf(spec, mounted.operation);
    if (!id || data === null || typeof data !== 'object') return undefined;
    // A list created at once (a payments POST's data[]): each item is a resource of its own, with its own id.
    if (Array.isArray(data) && isSchemaObject(dataSchema) && isSchemaObject(dataSchema.items)) {
      let first: string | undefined;
      for (const item of data) {
        const id = await this.create(mounted, world, item, dataSchema.items);
        first ??= id;
      }
      return first;
    }
    const paths = idPaths(dataSchema, [id.name]);
    if (paths.length === 0) return undefined;
    const n = (this.counters.get(mounted.key) ?? 0) + 1;
    this.counters.set(mounted.key, n);
    const value = String(world.sample(spec, id.schema, `created ${mounted.operation.id} ${n}`));
    for (const path of paths) setAlong(data, path.steps, value);
    await this.store.set(this.key(spec, id.name, value), JSON.stringify({ data } satisfies Stored), this.ttlSeconds);
    return value;
  }

  async find(spec: LoadedSpec, name: string, value: string): Promise<unknown> {
    const text = await this.store.get(this.key(spec, name, value));
    return text === undefined ? undefined : (JSON.parse(text) as Stored).data;
  }

  async replace(spec: LoadedSpec, name: string, value: string, data: unknown): Promise<void> {
    await this.store.set(this.key(spec, name, value), JSON.stringify({ data } satisfies Stored), this.ttlSeconds);
  }

  async remove(spec: LoadedSpec, name: string, value: string): Promise<void> {
    await this.store.delete(this.key(spec, name, value));
  }

  private key(spec: LoadedSpec, name: string, value: string): string {
    return `created:${spec.id}:${name}:${value}`;
  }
}

function setAlong(holder: unknown, steps: readonly string[], value: string): void {
  let current = holder;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    if (step === '[]') {
      if (!Array.isArray(current)) return;
      if (last) current.forEach((_, k) => ((current as unknown[])[k] = value));
      current = current[0];
      return;
    }
    if (current === null || typeof current !== 'object') return;
    const object = current as Record<string, unknown>;
    if (last) object[step] = Array.isArray(object[step]) ? [{ key: step, value }] : value;
    current = object[step];
  });
}

/**
 * A stored record shown by another route of the resource (GET after POST): as it is when it fits that route's data
 * schema; otherwise a valid sample of that schema carrying every stored top-level field the schema accepts.
 */
export function fitTo(spec: LoadedSpec, schema: JsonSchema | undefined, created: unknown, world: World, key: string): unknown {
  if (schema === undefined || spec.validator.isValid(schema, created)) return created;
  // Created as a list (a payments POST answers data[]): the detail shows the resource, its first item.
  const stored = Array.isArray(created) && created.length > 0 ? created[0] : created;
  if (stored !== created && spec.validator.isValid(schema, stored)) return stored;
  const sample = world.sample(spec, schema, key);
  if (sample === null || typeof sample !== 'object' || Array.isArray(sample) || stored === null || typeof stored !== 'object')
    return sample;
  const out: Record<string, unknown> = { ...(sample as Record<string, unknown>) };
  for (const [field, value] of Object.entries(stored as Record<string, unknown>)) {
    const candidate = { ...out, [field]: value };
    if (spec.validator.isValid(schema, candidate)) out[field] = value;
  }
  return out;
}

/** A PATCH's `data` (or whole body) laid over the stored record, field by field, where the result still fits `schema`. */
export function patched(spec: LoadedSpec, schema: JsonSchema | undefined, stored: unknown, body: unknown): unknown {
  const changes = body !== null && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body;
  if (stored === null || typeof stored !== 'object' || changes === null || typeof changes !== 'object') return stored;
  let out: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [field, value] of Object.entries(changes as Record<string, unknown>)) {
    const candidate = { ...out, [field]: value };
    if (schema === undefined || spec.validator.isValid(schema, candidate)) out = candidate;
  }
  return out;
}
