/**
 * The Opus integration layer: every route is a POST whose JSON body carries the
 * consent, `requestMeta`, the ids, filters and paging. A request without
 * usable credentials is refused with the documented 401 first (the contracts
 * declare no scheme but document 401: specs/credentials-demand.ts). The body is checked
 * against the spec (bad paging → 422, anything else → 400), the consent must
 * hold the route's permission (403), and `meta` carries totals or
 * `hasMoreRecords`, whichever the operation's schema declares. No links.
 */
import type { MountedOperation } from '../../mocks/server/mount.ts';
import { acceptsJson } from '../../mocks/server/negotiate.ts';
import { pageWindow } from '../../data/paging.ts';
import { renderSuccess } from '../../mocks/server/success-body.ts';
import { toViolations } from '../../specs/violations.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';
import { answerData, pagingProblem } from '../../mocks/server/handler.ts';
import { readJsonBody } from '../../mocks/server/json-body.ts';
import { isJsonRecord, isSchemaObject } from '../../specs/json-schema.ts';
import { readCredentials } from '../../mocks/server/auth.ts';

const PAGING = new Set(['page', 'pageSize']);

export const opusMock: MockHandler = {
  handle(ex, mounted, rawBody) {
    const headers = ex.req.headers;
    // No scheme says which kind: a bearer token or basic pair is accepted, a missing or unreadable one is not.
    const credentials = readCredentials(headers.authorization);
    if (mounted.secured && (credentials.kind === 'missing' || credentials.kind === 'malformed'))
      return ex.sendError(
        401,
        credentials.kind === 'missing'
          ? "the Authorization header is missing; send 'Authorization: Bearer <token>'."
          : 'the Authorization header is neither a Bearer token nor basic credentials.',
        'UNAUTHORIZED',
      );
    if (!acceptsJson(headers.accept))
      return ex.sendError(
        406,
        `Accept '${String(headers.accept).slice(0, 100)}' excludes application/json; charset=utf-8, the only media type served.`,
      );
    const body = readJsonBody(ex, mounted, rawBody);
    if (body === undefined) return;

    const validate = mounted.body?.validate;
    if (validate && !validate(body.value)) {
      const violations = toViolations(validate.errors ?? [], body.value);
      const paging = violations.filter((v) => PAGING.has(v.pointer.split('/')[1] ?? ''));
      const list = paging.length > 0 ? paging : violations;
      const status = paging.length > 0 ? 422 : 400;
      return ex.sendError(
        status,
        list.slice(0, 13).map((v) => ({
          code: status === 422 ? (v.pointer === '/page' ? 'INVALID_PAGE' : 'INVALID_PAGE_SIZE') : 'INVALID_BODY',
          title: status === 422 ? 'Unprocessable entity' : 'Bad request',
          detail: `body ${v.path.replace(/^\$\.?/, '') || '(the whole body)'}: ${v.message} (${v.rule}).`,
        })),
      );
    }

    // The body passed its schema; its members are still read as unknowns and narrowed.
    const record: Record<string, unknown> = isJsonRecord(body.value) ? body.value : {};
    const consent = record.consent;
    const permissions = isJsonRecord(consent) ? consent.permissions : undefined;
    const granted = Array.isArray(permissions) ? new Set<string>(permissions) : undefined;
    const missing = granted ? mounted.permissions.filter((p) => !granted.has(p)) : [];
    if (missing.length > 0)
      return ex.sendError(
        403,
        `the consent lacks the permission ${missing.join(', ')} that ${mounted.operation.path} needs.`,
        'PERMISSION_MISSING',
      );

    const answer = ex.runtime.world().resolve(mounted.api.spec, mounted.operation, { pathParams: {}, query: {}, body: body.value });
    if (answer.kind === 'not-found') return ex.sendError(404, answer.message);
    if (answer.kind === 'unprocessable') return ex.sendError(422, answer.message, answer.code);
    if (answer.kind === 'object') return ex.send(200, renderSuccess(ex, mounted, { data: answer.data }, undefined));
    const page = typeof record.page === 'number' ? record.page : 1;
    const pageSize = typeof record.pageSize === 'number' ? record.pageSize : defaultPageSize(mounted);
    const window = pageWindow(page, pageSize, answer.total);
    const beyond = pagingProblem(window);
    if (beyond) return ex.sendError(422, beyond, 'INVALID_PAGE');
    return ex.send(200, renderSuccess(ex, mounted, { data: answerData(answer, window), window }, undefined));
  },
};

function defaultPageSize(mounted: MountedOperation): number {
  const schema = mounted.operation.requestBody?.content[0]?.schema;
  const pageSize = isSchemaObject(schema) ? schema.properties?.pageSize : undefined;
  const fallback = isSchemaObject(pageSize) ? pageSize.default : undefined;
  return typeof fallback === 'number' && fallback > 0 ? fallback : mounted.api.profile.paging.defaultSize;
}
