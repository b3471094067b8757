/**
 * What a token issued by the mock's authorization server does to the data
 * APIs (tokens of other shapes keep the `aferir:` convention, mocks/server/auth.ts):
 * - its consent must hold the operation's permissions (else 403);
 * - a path id of the world's accounts, cards or contracts must be one the
 *   customer chose to share (else 403); unknown ids still get 404;
 * - top-level lists (`GET /accounts`) show only the consented resources;
 * - a Resources API list (items with `resourceId`, `type`, `status`) shows
 *   exactly the consent's resources, AVAILABLE, in the spec's types.
 */
import { isSchemaObject, propertySchema, type JsonSchema } from '../../specs/json-schema.ts';
import type { Consent } from '../../mocks/authorization/consent.ts';
import type { DataAnswer } from '../../data/api.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import type { ConsentAccess } from '../../mocks/server/consent-access.ts';

/** The permissions of `needed` the consent lacks. */
export function consentLacks(consent: Consent, needed: readonly string[]): string[] {
  const held = new Set(consent.permissions);
  return needed.filter((permission) => !held.has(permission));
}

/** The first path value that names a world resource the consent does not cover, or undefined. */
export function unconsentedPathId(access: ConsentAccess, consent: Consent, pathParams: Record<string, string>): string | undefined {
  const consented = new Set((consent.resources ?? []).map((resource) => resource.id));
  const known = new Set(access.resources().map((resource) => resource.id));
  return Object.values(pathParams).find((value) => known.has(value) && !consented.has(value));
}

function itemProperties(mounted: MountedOperation): Record<string, JsonSchema> {
  const data = propertySchema(mounted.success.schema, 'data');
  const items = data?.type === 'array' ? data.items : undefined;
  return isSchemaObject(items) ? (items.properties ?? {}) : {};
}

/** Whether the operation lists a consent's resources (its items declare resourceId, type and status). */
export function listsConsentResources(mounted: MountedOperation): boolean {
  const items = itemProperties(mounted);
  return 'resourceId' in items && 'type' in items && 'status' in items;
}

/** The Resources API answer: the consent's resources, those of a type the spec knows. */
export function consentResourcesAnswer(mounted: MountedOperation, consent: Consent): DataAnswer {
  const typeSchema = itemProperties(mounted).type;
  const types = isSchemaObject(typeSchema) ? typeSchema.enum : undefined;
  const rows = (consent.resources ?? [])
    .filter((resource) => !Array.isArray(types) || types.includes(resource.type))
    .map((resource) => ({ resourceId: resource.id, type: resource.type, status: 'AVAILABLE' }));
  return { kind: 'page', total: rows.length, render: (offset, limit) => rows.slice(offset, offset + limit) };
}

/** A top-level list narrowed to the consented resources (items whose id field names an unconsented world resource are dropped). */
export function consentedOnly(access: ConsentAccess, consent: Consent, mounted: MountedOperation, answer: DataAnswer): DataAnswer {
  if (answer.kind !== 'page' || mounted.operation.parameters.some((p) => p.in === 'path')) return answer;
  const consented = new Set((consent.resources ?? []).map((resource) => resource.id));
  const known = new Set(access.resources().map((resource) => resource.id));
  const all = answer.render(0, Math.min(answer.total, 10_000));
  if (!Array.isArray(all)) return answer;
  const shared = (all as Array<Record<string, unknown>>).filter((item) =>
    Object.values(item).every((value) => typeof value !== 'string' || !known.has(value) || consented.has(value)),
  );
  return { kind: 'page', total: shared.length, render: (offset, limit) => shared.slice(offset, offset + limit) };
}
