/**
 * Valid requests for any operation: path ids that exist in the world, the
 * query values a user would send, FAPI headers (never Authorization: the
 * caller adds its own token), and JSON bodies (Opus: consent + requestMeta +
 * ids, paging and filters) generated from the request schema with facts.
 */
import type { JsonSchemaObject } from '../specs/json-schema.ts';
import type { LoadedSpec, Operation } from '../specs/types.ts';
import { jsonMedia } from '../specs/lookup.ts';
import { bodySchema, enumOf, schemaAt } from '../families/consents/shape.ts';
import { permissionGroupsFor } from '../families/consents/permission-groups.ts';
import { profileOf } from '../families/index.ts';
import type { GeneratedRequest } from './api.ts';
import type { WorldCore } from './domain/core.ts';
import { rngFor } from './random.ts';
import { bodyIdFields, genericIds, idSchemas } from './resolve/generic-ids.ts';
import { resolveGeneric } from './resolve/generic.ts';
import { resolverFor } from './resolve/resolvers.ts';
import { worldIds } from './resolve/ids.ts';
import { DAY_MS, httpDate, isoDate, startOfDay } from './schema/dates.ts';
import { LegacyFact, OMIT, type SchemaPlanner } from './schema/plan.ts';

// Short enough for the OFB header's maxLength 100.
const USER_AGENT = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';

/** The booking window a suite would ask for: the last 30 days, or D-6..D for transactions-current. */
function bookingWindow(core: WorldCore, operation: Operation): { from: string; to: string } {
  const today = startOfDay(core.now);
  const days = /current/i.test(operation.path) || /Current$/.test(operation.id) ? 6 : 30;
  return { from: isoDate(today - days * DAY_MS), to: isoDate(today) };
}

/**
 * Id number `index` of a name, from the model that will answer the operation: a domain model's
 * own records, or the generic ids of the spec when no domain model answers it (credit
 * portability's `contractId` is its own, not a financing contract's).
 */
function idFor(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, operation: Operation, name: string, index: number): string {
  const generic = resolverFor(spec, operation) === resolveGeneric;
  const ids = generic ? genericIds(core, planner, spec, name) : worldIds(core, planner, spec, name);
  return ids[index % Math.max(1, ids.length)] ?? '';
}

export function buildValidRequest(
  core: WorldCore,
  planner: SchemaPlanner,
  spec: LoadedSpec,
  operation: Operation,
  index: number,
): GeneratedRequest {
  const rng = rngFor(core.hash, `request:${spec.id}:${operation.id}`, index);
  const env = { now: core.now };
  const request: GeneratedRequest = { pathParams: {}, query: {}, headers: {} };
  const window = bookingWindow(core, operation);

  for (const parameter of operation.parameters) {
    const name = parameter.name;
    if (parameter.in === 'path') {
      request.pathParams[name] = idFor(core, planner, spec, operation, name, index);
    } else if (parameter.in === 'query') {
      if (name === 'fromBookingDate' || name === 'toBookingDate') {
        request.query[name] = name === 'fromBookingDate' ? window.from : window.to;
      } else if (parameter.required && idSchemas(spec).has(name) && idFor(core, planner, spec, operation, name, index) !== '') {
        // An id the spec issues (a list filtered by its consent): one the world holds, so the filter finds something.
        request.query[name] = idFor(core, planner, spec, operation, name, index);
      } else if (parameter.required) {
        request.query[name] = String(
          planner.generate(parameter.schema ?? { type: 'string' }, rng, env, undefined, { name, parent: 'query' }),
        );
      }
    } else if (parameter.in === 'header') {
      const lower = name.toLowerCase();
      if (lower === 'authorization') continue;
      if (lower === 'x-fapi-interaction-id') request.headers[name] = rng.uuid();
      else if (lower === 'x-fapi-auth-date') request.headers[name] = httpDate(core.now - 5 * 60_000);
      else if (lower === 'x-fapi-customer-ip-address')
        request.headers[name] = `177.${rng.int(16, 200)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      else if (lower === 'x-customer-user-agent') request.headers[name] = USER_AGENT;
      else if (parameter.required)
        request.headers[name] = String(
          planner.generate(parameter.schema ?? { type: 'string' }, rng, env, undefined, { name, parent: 'header' }),
        );
      // A realistic value the spec's own rules reject would make a valid request invalid: fall back to the schema.
      if (name in request.headers && parameter.schema !== undefined && !spec.validator.isValid(parameter.schema, request.headers[name])) {
        request.headers[name] = String(planner.generate(parameter.schema, rng, env, undefined, { name, parent: 'header' }));
      }
    }
  }

  const media = operation.requestBody ? jsonMedia(operation.requestBody.content) : undefined;
  if (media?.schema !== undefined) {
    request.body = planner.generate(media.schema, rng, env, bodyFacts(core, planner, spec, operation, index, window), {
      name: 'body',
      parent: '',
    });
    if (!request.headers['content-type'] && !request.headers['Content-Type']) request.headers['content-type'] = 'application/json';
  }
  return request;
}

/**
 * The permissions a consent for this API grants: every permission group of the regulation that holds one the
 * spec's routes need (so the grant is a union of whole groups, as a real consent is).
 */
function consentGrant(spec: LoadedSpec): string[] | undefined {
  const profile = profileOf(spec);
  const needed = new Set(spec.operations.flatMap((operation) => profile.permissionsOf(operation)));
  if (needed.size === 0) return undefined;
  const path = profile.permissionsInBody ?? [];
  const known = spec.operations.flatMap((operation) => enumOf(schemaAt(bodySchema(operation), path)));
  const groups = permissionGroupsFor([...new Set([...known, ...needed])]).filter((group) =>
    group.permissions.some((permission) => needed.has(permission)),
  );
  return [...new Set([...needed, ...groups.flatMap((group) => group.permissions)])];
}

/** Facts for a request body: the customer's consent, request metadata, the ids, paging and the booking window. */
function bodyFacts(
  core: WorldCore,
  planner: SchemaPlanner,
  spec: LoadedSpec,
  operation: Operation,
  index: number,
  window: { from: string; to: string },
): Record<string, unknown> {
  const customer = core.customer;
  const brandId =
    core.institution.brandName
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 50) || 'marca';
  const rng = rngFor(core.hash, `body:${spec.id}:${operation.id}`, index);
  const schema = jsonMedia(operation.requestBody!.content)?.schema as JsonSchemaObject;
  const properties = (schema?.properties ?? {}) as Record<string, unknown>;
  const grant = consentGrant(spec);
  const facts: Record<string, unknown> = {
    consent: {
      brandId,
      creationDateTime: new Date(core.now - 3_600_000),
      expirationDateTime: new Date(core.now + 90 * 86_400_000),
      tpp: { name: 'Organizador Financeiro Ltda' },
      externalId: `urn:${brandId}:${rng.uuid()}`,
      loggedUser: { document: { identification: customer.cpf, rel: 'CPF' } },
      businessDocumentType: OMIT,
      authExtraData: OMIT,
      consentOwner: OMIT,
      resources: OMIT,
      ...(grant === undefined ? {} : { permissions: grant }),
    },
    requestMeta: { correlationId: rng.uuid(), brandId },
    requestBody: { data: { loggedUserDocument: customer.cpf, businessEntityDocument: OMIT } },
    page: 1,
    pageSize: 25,
    'pagination-key': OMIT,
    accountType: OMIT,
    creditDebitIndicator: OMIT,
    fromBookingDate: window.from,
    toBookingDate: window.to,
  };
  // Every id the body names that the world holds: the domain's accounts and contracts, and any
  // other required field a list of the spec shows (Opus investments' `investmentId`).
  const idNames = new Set([
    ...['accountId', 'contractId'].filter((name) => name in properties),
    ...Object.keys(bodyIdFields(spec, operation)),
  ]);
  for (const name of idNames) {
    const id = idFor(core, planner, spec, operation, name, index);
    if (id !== '') facts[name] = new LegacyFact(name, id);
  }
  return facts;
}
