/**
 * Any other spec (a file or URL the user brings): parameters and body checked
 * against the spec (400), declared security demanded (401), and the data
 * engine's answer served as the documented success body.
 */
import { holdsNothing, missingPermissions, readCredentials, wrongBasicPair } from '../../mocks/server/auth.ts';
import { acceptsJson, acceptsSigned } from '../../mocks/server/negotiate.ts';
import { pageWindow } from '../../data/paging.ts';
import { parseQuery } from '../../mocks/server/query.ts';
import { checkParameters } from '../../mocks/server/request-params.ts';
import { checkAgainstSpec, renderSuccess } from '../../mocks/server/success-body.ts';
import { toViolations } from '../../specs/violations.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';
import { answerData, pagingProblem } from '../../mocks/server/handler.ts';
import { readJsonBody } from '../../mocks/server/json-body.ts';

export const genericMock: MockHandler = {
  handle(ex, mounted, rawBody) {
    const headers = ex.req.headers;
    const credentials = readCredentials(headers.authorization);
    if (mounted.secured && credentials.kind === 'missing') return ex.sendError(401, 'The Authorization header is missing.');
    if (mounted.secured && wrongBasicPair(credentials, ex.runtime.basicPairs))
      return ex.sendError(401, 'These basic credentials are not accepted (see --basic-auth).');
    const missing = missingPermissions(credentials, mounted.permissions);
    if (missing.length > 0 || (mounted.permissions.length === 0 && mounted.secured && holdsNothing(credentials))) {
      return ex.sendError(
        403,
        missing.length > 0
          ? `The token lacks the permission ${missing.join(', ')}.`
          : 'The token holds no permission (aferir: convention).',
      );
    }
    if (!acceptsJson(headers.accept) && !(mounted.signsResponses && acceptsSigned(headers.accept)))
      return ex.sendError(406, 'Only application/json (and, where documented, application/jwt) is served.');
    const query = parseQuery(ex.rawQuery);
    const values: Record<string, unknown> = {};
    const problems = [
      ...checkParameters(mounted.params.header, (key) => headers[key] as string | undefined, values),
      ...checkParameters(mounted.params.path, (key) => ex.pathParams[key], values),
      ...checkParameters(mounted.params.query, (key) => query[key], values),
    ];
    if (problems.length > 0)
      return ex.sendError(
        400,
        problems.slice(0, 13).map((p) => ({ code: 'INVALID_PARAMETER', title: 'Bad request', detail: `${p.message}.` })),
      );
    let body: unknown;
    if (mounted.body) {
      const parsed = readJsonBody(ex, mounted, rawBody);
      if (parsed === undefined) return;
      body = parsed.value;
      if (body !== undefined && mounted.body.validate && !mounted.body.validate(body)) {
        const violations = toViolations(mounted.body.validate.errors ?? [], body);
        return ex.sendError(
          400,
          violations.slice(0, 13).map((v) => ({ code: 'INVALID_BODY', title: 'Bad request', detail: `body ${v.path}: ${v.message}.` })),
        );
      }
    }
    const answer = ex.runtime.world().resolve(mounted.api.spec, mounted.operation, { pathParams: ex.pathParams, query, body });
    if (answer.kind === 'not-found') return ex.sendError(404, answer.message);
    if (answer.kind === 'unprocessable') return ex.sendError(422, answer.message, answer.code);
    const status = mounted.success.status;
    if (mounted.success.properties.includes('data')) {
      if (answer.kind === 'object') return ex.send(status, renderSuccess(ex, mounted, { data: answer.data }, undefined));
      const page = typeof values.page === 'number' ? values.page : 1;
      const size =
        typeof values['page-size'] === 'number'
          ? values['page-size']
          : typeof values.pageSize === 'number'
            ? values.pageSize
            : mounted.api.profile.paging.defaultSize;
      const window = pageWindow(page, size, answer.total);
      const beyond = pagingProblem(window);
      if (beyond) return ex.sendError(400, beyond);
      return ex.send(status, renderSuccess(ex, mounted, { data: answerData(answer, window), window }, undefined));
    }
    let value = answer.kind === 'object' ? answer.data : answer.render(0, Math.min(answer.total, 1000));
    const schema = mounted.success.schema;
    // A shape the generic engine answer does not fit (a 201 echo, a bare array): a valid sample of the documented body instead.
    if (schema && !mounted.api.spec.validator.isValid(schema, value))
      value = ex.runtime.world().sample(mounted.api.spec, schema, `${mounted.operation.id} ${ex.req.url}`);
    checkAgainstSpec(ex, mounted, value);
    return ex.sendJson(status, value);
  },
};
