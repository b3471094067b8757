/**
 * The consents API of Open Finance Brasil and Open Insurance Brasil, served
 * from the spec and backed by the mock's ConsentService (so a consent created
 * here is the one the authorization server's pages approve, and replicas
 * sharing Redis agree on it): create (201 AWAITING_AUTHORISATION, or 422 with
 * the regulation's code), read (404 unknown, 403 another client's), revoke
 * (204; REJECTED with rejectedBy/reason; 422 when already REJECTED), extend
 * and list extensions where the spec has them. Which operation plays which
 * role is read from the spec's shape (shape.ts).
 */
import { ConsentError } from '../../mocks/authorization/consent-service.ts';
import type { Consent } from '../../mocks/authorization/consent.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import { errorSchemaFor } from '../../mocks/server/mount.ts';
import { originOf } from '../../mocks/server/origin.ts';
import { renderSuccess } from '../../mocks/server/success-body.ts';
import { toViolations } from '../../specs/violations.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { fapiMock } from '../fapi/mock.ts';
import { consentRequestBreaches, documentedCode, type ConsentRequestData } from './consent-rules.ts';
import { admit, type Admitted } from './mock-request.ts';
import { bodySchema, consentCollection, consentRoleOf, dataProperties, enumOf, type ConsentRole } from './shape.ts';

const collections = new WeakMap<object, string | undefined>();

function roleOf(mounted: MountedOperation): ConsentRole | undefined {
  const { spec } = mounted.api;
  if (!collections.has(spec)) collections.set(spec, consentCollection(spec));
  const collection = collections.get(spec);
  return collection === undefined ? undefined : consentRoleOf(collection, mounted.operation);
}

export const consentsMock: MockHandler = {
  prepare: fapiMock.prepare,
  handle(ex, mounted, body, preparation) {
    const role = roleOf(mounted);
    // An operation of a consents spec that plays no consent role is served like any Open Finance GET.
    if (role === undefined) return fapiMock.handle(ex, mounted, body, preparation);
    return play(ex, mounted, role, body, preparation);
  },
};

async function play(
  ex: MockExchange,
  mounted: MountedOperation,
  role: ConsentRole,
  body: Buffer | undefined,
  preparation: string | undefined,
) {
  versionHeader(ex, mounted);
  const admitted = await admit(ex, mounted, role, preparation);
  if (!admitted) return;
  if (role === 'create') return create(ex, mounted, admitted, body);
  const consentId = Object.values(ex.pathParams)[0] ?? '';
  const consents = ex.runtime.consentAccess!.consents;
  let consent: Consent;
  try {
    consent = await consents.getFor(admitted.clientId, consentId);
  } catch (error) {
    if (!(error instanceof ConsentError)) throw error;
    return error.reason === 'consent-other-client'
      ? ex.sendError(403, `consent ${consentId} belongs to another client.`, 'FORBIDDEN')
      : ex.sendError(404, `consent ${consentId} does not exist.`, 'NOT_FOUND');
  }
  if (role === 'read') return answer(ex, mounted, consent);
  if (role === 'revoke') {
    if (consent.status === 'REJECTED')
      return unprocessable(ex, mounted, {
        code: 'CONSENTIMENTO_EM_STATUS_REJEITADO',
        title: 'Consent already rejected',
        detail: `consent ${consentId} is REJECTED already.`,
      });
    await consents.revoke(consentId, 'TPP').catch((error: unknown) => {
      if (!(error instanceof ConsentError)) throw error;
    });
    delete ex.headers['content-type'];
    return ex.send(204, '');
  }
  if (role === 'extensions') {
    const data = (consent.extensions ?? []).slice().reverse();
    return ex.send(
      200,
      renderSuccess(
        ex,
        mounted,
        {
          data,
          links: { self: selfLink(ex, mounted) },
          window: { total: data.length, totalPages: 1, offset: 0, count: data.length, page: 1, pageSize: Math.max(data.length, 1) },
        },
        undefined,
      ),
    );
  }
  return extend(ex, mounted, admitted, consent, body);
}

async function create(ex: MockExchange, mounted: MountedOperation, admitted: Admitted, raw: Buffer | undefined) {
  const parsed = readJson(ex, mounted, raw);
  if (!parsed) return;
  const data = parsed.data as ConsentRequestData & {
    loggedUser: { document: { identification: string; rel: string } };
    businessEntity?: { document: { identification: string; rel: string } };
  };
  const access = ex.runtime.consentAccess!;
  const known = enumOf(dataProperties(bodySchema(mounted.operation)).permissions);
  const permissions = [...new Set(data.permissions)];
  const breaches = consentRequestBreaches({ ...data, permissions }, known, access.consents.nowMs(), {
    acceptIncompleteGroups: access.defects.has('incomplete-groups-accepted'),
  });
  if (breaches.length > 0) return unprocessable(ex, mounted, ...breaches);
  let consent: Consent;
  try {
    consent = await access.consents.create(admitted.clientId, {
      permissions,
      knownPermissions: known,
      loggedUser: data.loggedUser,
      ...(data.businessEntity ? { businessEntity: data.businessEntity } : {}),
      ...(data.expirationDateTime === undefined ? {} : { expirationDateTime: data.expirationDateTime }),
    });
  } catch (error) {
    if (!(error instanceof ConsentError)) throw error;
    return unprocessable(ex, mounted, { code: 'ERRO_NAO_MAPEADO', title: 'Consent refused', detail: error.message });
  }
  return answer(ex, mounted, consent, access.defects.has('consent-created-200') ? 200 : undefined);
}

async function extend(ex: MockExchange, mounted: MountedOperation, admitted: Admitted, consent: Consent, raw: Buffer | undefined) {
  const parsed = readJson(ex, mounted, raw);
  if (!parsed) return;
  if (admitted.caller.kind === 'issued' && admitted.caller.consent?.consentId !== consent.consentId)
    return ex.sendError(403, 'the token is not of this consent.', 'FORBIDDEN');
  const data = parsed.data as { expirationDateTime?: string; loggedUser: { document: { identification: string; rel: string } } };
  if (consent.status !== 'AUTHORISED')
    return unprocessable(ex, mounted, {
      code: 'ESTADO_CONSENTIMENTO_INVALIDO',
      title: 'Consent not active',
      detail: `consent ${consent.consentId} is ${consent.status}; only an AUTHORISED consent can be extended.`,
    });
  const breaches = consentRequestBreaches({ permissions: [], ...data }, [], ex.runtime.consentAccess!.consents.nowMs());
  const previous = consent.expirationDateTime === undefined ? Number.POSITIVE_INFINITY : Date.parse(consent.expirationDateTime);
  const next = data.expirationDateTime === undefined ? Number.POSITIVE_INFINITY : Date.parse(data.expirationDateTime);
  if (breaches.length === 0 && next <= previous)
    breaches.push({
      code: 'DATA_EXPIRACAO_INVALIDA',
      title: 'Expiration not later',
      detail: 'the new expirationDateTime must be later than the current one.',
    });
  if (breaches.length > 0) return unprocessable(ex, mounted, ...breaches);
  const extended = await ex.runtime.consentAccess!.consents.extend(consent.consentId, data.expirationDateTime, data.loggedUser, {
    xFapiCustomerIpAddress: String(ex.req.headers['x-fapi-customer-ip-address'] ?? '127.0.0.1').slice(0, 100),
    xCustomerUserAgent: String(ex.req.headers['x-customer-user-agent'] ?? 'aferir').slice(0, 100),
  });
  return answer(ex, mounted, extended);
}

/** The request's JSON body, checked against the operation's schema (415/400 answered here). */
function readJson(ex: MockExchange, mounted: MountedOperation, raw: Buffer | undefined): Record<string, unknown> | undefined {
  const type = String(ex.req.headers['content-type'] ?? '');
  if (!/json/i.test(type)) {
    ex.sendError(415, `Content-Type '${type.slice(0, 100)}' is not JSON; send application/json.`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw?.toString('utf8') ?? '');
  } catch {
    ex.sendError(400, 'the request body is not JSON.', 'INVALID_BODY');
    return undefined;
  }
  const validate = mounted.body?.validate;
  if (validate && !validate(value)) {
    const violations = toViolations(validate.errors ?? [], value).slice(0, 13);
    ex.sendError(
      400,
      violations.map((v) => ({ code: 'INVALID_BODY', title: 'Bad request', detail: `${v.path}: ${v.message}.` })),
    );
    return undefined;
  }
  return value as Record<string, unknown>;
}

function unprocessable(ex: MockExchange, mounted: MountedOperation, ...breaches: Array<{ code: string; title: string; detail: string }>) {
  const codes = enumOf(codeSchema(errorSchemaFor(mounted.operation, 422)));
  ex.sendError(
    422,
    breaches.map((b) => ({ code: documentedCode(b.code, codes), title: b.title, detail: b.detail })),
  );
}

function codeSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const errors = (schema as { properties?: { errors?: { items?: { properties?: { code?: JsonSchema } } } } } | undefined)?.properties
    ?.errors;
  return errors?.items?.properties?.code;
}

/** The consent in the success body the operation documents: the record's members its `data` declares. */
function answer(ex: MockExchange, mounted: MountedOperation, consent: Consent, status?: number) {
  const declared = dataProperties(mounted.success.schema);
  const view = consentView(consent, ex.runtime.consentAccess!.defects.has('consent-status-frozen'));
  const data: Record<string, unknown> = {};
  for (const name of Object.keys(declared)) if (view[name] !== undefined) data[name] = view[name];
  const self = `${selfLink(ex, mounted, consent.consentId)}`;
  ex.send(status ?? mounted.success.status, renderSuccess(ex, mounted, { data, links: { self } }, undefined));
}

function consentView(consent: Consent, frozen: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    consentId: consent.consentId,
    creationDateTime: consent.creationDateTime,
    status: frozen ? 'AWAITING_AUTHORISATION' : consent.status,
    statusUpdateDateTime: frozen ? consent.creationDateTime : consent.statusUpdateDateTime,
    permissions: consent.permissions,
    expirationDateTime: consent.expirationDateTime,
    rejection: frozen ? undefined : consent.rejection,
    loggedUser: consent.loggedUser,
    businessEntity: consent.businessEntity,
  };
  return view;
}

/** `x-v`, the API version FAPI-BR answers carry where the spec declares it: the spec's own version. */
function versionHeader(ex: MockExchange, mounted: MountedOperation): void {
  const declares = mounted.operation.responses.some((response) => response.headers.some((header) => header.name.toLowerCase() === 'x-v'));
  if (declares) ex.headers['x-v'] = mounted.api.spec.version;
}

/** The consent's URL on this mock (the collection's for a create without id). */
function selfLink(ex: MockExchange, mounted: MountedOperation, consentId?: string): string {
  const origin = originOf(ex.req, mounted.api, ex.runtime.listening);
  const collection = collections.get(mounted.api.spec) ?? '';
  const path = consentId === undefined ? ex.path : `${mounted.api.basePath}${collection}/${consentId}`;
  return `${origin}${path}`;
}
