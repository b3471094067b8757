/**
 * Open Finance Brasil and Open Insurance Brasil (GET APIs behind FAPI
 * headers). The order of checks is a real transmitter's: credentials (401),
 * the x-fapi-interaction-id (400, answered with a fresh id), Accept (406),
 * the consent's permissions (403), headers and path (400), paging (422),
 * other query parameters (400), the resource (404), then the data with links
 * and meta. The interaction id is echoed on every answer.
 */
import { randomUUID } from 'node:crypto';
import { holdsNothing, missingPermissions, readCredentials, type Credentials } from '../../mocks/server/auth.ts';
import { callerOf, needsTokenCheck, type Caller } from '../../mocks/server/consent-access.ts';
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import { acceptsJson, acceptsSigned } from '../../mocks/server/negotiate.ts';
import { originOf, safeTarget } from '../../mocks/server/origin.ts';
import { buildLinks, pageWindow } from '../../data/paging.ts';
import { parseQuery } from '../../mocks/server/query.ts';
import { checkParameters } from '../../mocks/server/request-params.ts';
import { renderSuccess } from '../../mocks/server/success-body.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';
import { answerData, documentedStatus, pagingProblem } from '../../mocks/server/handler.ts';
import { patched } from '../../mocks/server/created-resources.ts';
import { answerCreated, dataSchemaOf, readCheckedBody, signedBodyProblem, takesJsonBody } from './mock-writes.ts';
import { signedClaimsProblem } from './mock-signed-claims.ts';
import { consentedOnly, consentLacks, consentResourcesAnswer, listsConsentResources, unconsentedPathId } from './mock-consent.ts';
import { isSchemaObject } from '../../specs/json-schema.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Checked on their own before the other headers. */
const CHECKED_FIRST = new Set(['Authorization', 'x-fapi-interaction-id']);
const PAGING = new Set(['page', 'page-size']);

export const fapiMock: MockHandler = {
  prepare(ex) {
    const given = ex.req.headers['x-fapi-interaction-id'];
    const valid = typeof given === 'string' && UUID.test(given);
    ex.headers['x-fapi-interaction-id'] = valid ? given : randomUUID();
    return valid ? undefined : given === undefined ? 'missing' : 'invalid';
  },

  handle(ex, mounted, rawBody, preparation) {
    const credentials = readCredentials(ex.req.headers.authorization);
    if (mounted.secured && credentials.kind !== 'bearer') {
      const why = credentials.kind === 'missing' ? 'the Authorization header is missing' : 'the Authorization header is not a Bearer token';
      return ex.sendError(401, `${why}; send 'Authorization: Bearer <token>'.`);
    }
    // Tokens of the authorization server are checked with it (async); every other token keeps the synchronous path.
    if (needsTokenCheck(ex.runtime.consentAccess, ex.req))
      return callerOf(ex.runtime.consentAccess, ex.req).then((caller) => serve(ex, mounted, rawBody, preparation, credentials, caller));
    return serve(ex, mounted, rawBody, preparation, credentials, CONVENIENCE);
  },
};

const CONVENIENCE: Caller = { kind: 'convenience' };

async function serve(
  ex: MockExchange,
  mounted: MountedOperation,
  rawBody: Buffer | undefined,
  preparation: string | undefined,
  credentials: Credentials,
  caller: Caller,
): Promise<void> {
  const { req } = ex;
  const headers = req.headers;
  if (caller.kind === 'refused') return ex.sendError(401, `the access token is not accepted: ${caller.reason}.`, 'UNAUTHORIZED');
  if (caller.kind === 'issued') ex.clientId = caller.clientId;
  const consent = caller.kind === 'issued' ? caller.consent : undefined;
  if (caller.kind === 'issued' && !consent)
    return ex.sendError(
      401,
      'this token carries no consent (a client_credentials token); the data APIs take the token of an authorised consent.',
      'UNAUTHORIZED',
    );
  // The standard's rule (answer 400 with a fresh id) applies where the spec declares the header; open-data and
  // admin APIs do not, and there a request without it is fine (a fresh id is still sent back).
  const declared = interactionIdParameter(mounted);
  if (preparation === 'missing' && declared?.required)
    return ex.sendError(
      400,
      'header x-fapi-interaction-id is required (a UUID); a fresh one is in the response header.',
      'INVALID_INTERACTION_ID',
    );
  if (preparation === 'invalid' && declared)
    return ex.sendError(
      400,
      'header x-fapi-interaction-id is not a UUID; a fresh one is in the response header.',
      'INVALID_INTERACTION_ID',
    );
  if (!acceptsJson(headers.accept) && !(mounted.signsResponses && acceptsSigned(headers.accept)))
    return ex.sendError(
      406,
      `Accept '${String(headers.accept).slice(0, 100)}' excludes application/json; charset=utf-8, the only media type served.`,
    );
  const missing = consent ? consentLacks(consent, mounted.permissions) : missingPermissions(credentials, mounted.permissions);
  if (missing.length > 0)
    return ex.sendError(
      403,
      `the consent lacks the permission ${missing.join(', ')} that ${mounted.operation.method} ${mounted.operation.path} needs.`,
      'PERMISSION_MISSING',
    );
  // Where no permission table names what the operation needs, credentials that hold none are still refused (as the 403 it documents says).
  if (!consent && mounted.secured && mounted.permissions.length === 0 && holdsNothing(credentials) && documents403(mounted))
    return ex.sendError(
      403,
      'these credentials hold no permission (aferir: convention), so access to the resource is denied.',
      'FORBIDDEN',
    );

  const values: Record<string, unknown> = {};
  const headerProblems = checkParameters(mounted.params.header, (key) => headers[key] as string | undefined, values, CHECKED_FIRST);
  if (headerProblems.length > 0) return ex.sendError(400, headerProblems.map((p) => detail(400, p.message)).slice(0, 13));
  const pathParams = ex.pathParams;
  const pathProblems = checkParameters(mounted.params.path, (key) => pathParams[key], values);
  if (pathProblems.length > 0) return ex.sendError(400, pathProblems.map((p) => detail(400, p.message)).slice(0, 13));
  const access = ex.runtime.consentAccess;
  const outside = consent && access ? unconsentedPathId(access, consent, pathParams) : undefined;
  if (outside !== undefined) return ex.sendError(403, `${outside} is not one of the resources the consent shares.`, 'FORBIDDEN');

  const origin = originOf(req, mounted.api, ex.runtime.listening);
  // An answer for a consent's token depends on the consent: never cached.
  const cacheKey = consent ? undefined : `${mounted.key} ${origin}${req.url}`;
  const cached = cacheKey === undefined ? undefined : ex.runtime.cache.get(cacheKey, ex.runtime.clock.requestDateTime());
  if (cached) return ex.send(200, cached);

  const query = parseQuery(ex.rawQuery);
  const queryValues: Record<string, unknown> = {};
  const queryProblems = checkParameters(mounted.params.query, (key) => query[key], queryValues);
  const pagingProblems = queryProblems.filter((p) => PAGING.has(p.name));
  if (pagingProblems.length > 0) {
    const status = documentedStatus(mounted, [422, 400]);
    return ex.sendError(
      status,
      pagingProblems.map((p) => detail(status, p.message, p.name === 'page' ? 'INVALID_PAGE' : 'INVALID_PAGE_SIZE')),
    );
  }
  if (queryProblems.length > 0) {
    const status = documentedStatus(mounted, [400, 422]);
    return ex.sendError(status, queryProblems.map((p) => detail(status, p.message)).slice(0, 13));
  }

  let body: unknown;
  if (takesJsonBody(mounted)) {
    const read = readCheckedBody(ex, mounted, rawBody);
    if (read === undefined) return;
    body = read.value;
    const badSignature = await signedBodyProblem(ex.runtime.consentAccess, mounted, caller, rawBody);
    if (badSignature) return ex.sendError(400, `the signed body is not accepted: ${badSignature}.`, 'BAD_SIGNATURE');
    const badClaims = signedClaimsProblem(ex.runtime, mounted, caller, rawBody, origin);
    if (badClaims) return ex.sendError(403, `the signed body's claims are not accepted: ${badClaims}.`, 'INVALID_CLIENT');
  }
  // Only reads are cached: a write answers for its own body.
  const cacheAs = mounted.operation.method === 'GET' ? cacheKey : undefined;
  const world = ex.runtime.world();

  const selfLinksOf = () => (mounted.links.size > 0 ? { self: `${origin}${safeTarget(req.url ?? '/')}` } : undefined);
  // A resource a POST created is answered as stored, before the world (whose ids of the same shape would resolve too).
  if (mounted.operation.method !== 'POST' && (await answerCreated(ex, mounted, body, selfLinksOf()))) return;
  const resolved = () => world.resolve(mounted.api.spec, mounted.operation, { pathParams, query, body });
  const answer =
    consent && access
      ? listsConsentResources(mounted)
        ? consentResourcesAnswer(mounted, consent)
        : consentedOnly(access, consent, mounted, resolved())
      : resolved();
  const selfUrl = `${origin}${safeTarget(req.url ?? '/')}`;
  const apiPath = ex.path;
  const selfLinks = mounted.links.size > 0 ? { self: selfUrl } : undefined;
  const status = mounted.success.status;
  if (answer.kind === 'not-found') {
    if (await answerCreated(ex, mounted, body, selfLinks)) return;
    return ex.sendError(404, answer.message);
  }
  if (answer.kind === 'unprocessable') return ex.sendError(422, answer.message, answer.code);
  if (answer.kind === 'object') {
    let data = answer.data;
    // 201 Created, or 202 Accepted (a portability is created to be processed later): either way it now exists.
    if (mounted.operation.method === 'POST' && (status === 201 || status === 202)) {
      // What the client sent is what was created, wherever the response's schema takes it.
      data = patched(mounted.api.spec, dataSchemaOf(mounted), data, body);
      await ex.runtime.created?.create(mounted, world, data, dataSchemaOf(mounted));
    }
    return ex.send(status, renderSuccess(ex, mounted, { data, links: selfLinks }, cacheAs));
  }
  const page = (queryValues.page as number | undefined) ?? 1;
  const pageSize = (queryValues['page-size'] as number | undefined) ?? defaultPageSize(mounted);
  const window = pageWindow(page, pageSize, answer.total);
  const beyond = pagingProblem(window);
  if (beyond) return ex.sendError(documentedStatus(mounted, [422, 400]), beyond, 'INVALID_PAGE');
  const links =
    mounted.links.size > 0
      ? buildLinks(mounted.links, mounted.api.profile.paging.names, selfUrl, origin, apiPath, ex.rawQuery, window)
      : undefined;
  if (mounted.operation.method === 'POST' && (status === 201 || status === 202)) {
    // Created as a list (a payments POST answers data[]): one item per item the client sent, each what it sent, kept as one resource.
    // The items themselves (not a page's kept text): each is patched with what the client sent.
    const data = patchedItems(mounted, answer.render(0, answer.total), body);
    await ex.runtime.created?.create(mounted, world, data, dataSchemaOf(mounted));
    const count = Array.isArray(data) ? data.length : 1;
    return ex.send(status, renderSuccess(ex, mounted, { data, links, window: pageWindow(1, Math.max(count, 1), count) }, undefined));
  }
  const data = answerData(answer, window);
  return ex.send(status, renderSuccess(ex, mounted, { data, links, window }, cacheAs));
}

function patchedItems(mounted: MountedOperation, data: unknown, body: unknown): unknown {
  const sent = body !== null && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : undefined;
  const schema = dataSchemaOf(mounted);
  const itemSchema = isSchemaObject(schema) && isSchemaObject(schema.items) ? schema.items : undefined;
  if (!Array.isArray(data) || !Array.isArray(sent) || sent.length === 0) return data;
  return sent.map((item, index) => patched(mounted.api.spec, itemSchema, data[index % Math.max(data.length, 1)], item));
}

function detail(status: number, message: string, code?: string) {
  return {
    code: code ?? (status === 422 ? 'UNPROCESSABLE_ENTITY' : 'INVALID_PARAMETER'),
    title: status === 422 ? 'Unprocessable entity' : 'Bad request',
    detail: `${message}.`,
  };
}

function documents403(mounted: MountedOperation): boolean {
  return mounted.operation.responses.some((r) => r.status === '403');
}

function interactionIdParameter(mounted: MountedOperation) {
  return mounted.operation.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'x-fapi-interaction-id');
}

function defaultPageSize(mounted: MountedOperation): number {
  const parameter = mounted.operation.parameters.find((p) => p.in === 'query' && p.name === 'page-size');
  const schema = parameter?.schema;
  const fallback = isSchemaObject(schema) ? schema.default : undefined;
  return typeof fallback === 'number' && fallback > 0 ? fallback : mounted.api.profile.paging.defaultSize;
}
