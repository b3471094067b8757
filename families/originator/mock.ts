/**
 * The credit originator: one GET of an application by id, bearer auth, errors
 * as `{code, message}`. The whole body is the application.
 */
import { holdsNothing, readCredentials } from '../../mocks/server/auth.ts';
import { acceptsJson } from '../../mocks/server/negotiate.ts';
import { parseQuery } from '../../mocks/server/query.ts';
import { checkParameters } from '../../mocks/server/request-params.ts';
import { checkAgainstSpec } from '../../mocks/server/success-body.ts';
import type { MockHandler } from '../../mocks/server/handler.ts';

export const originatorMock: MockHandler = {
  handle(ex, mounted) {
    const headers = ex.req.headers;
    const credentials = readCredentials(headers.authorization);
    if (mounted.secured && credentials.kind !== 'bearer') {
      return ex.sendError(
        401,
        credentials.kind === 'missing'
          ? 'The Authorization header is missing; send a Bearer token.'
          : 'The Authorization header is not a Bearer token.',
      );
    }
    if (holdsNothing(credentials)) return ex.sendError(403, 'The token holds no permission (aferir: convention).');
    if (!acceptsJson(headers.accept)) return ex.sendError(406, 'Only application/json is served.');
    const values: Record<string, unknown> = {};
    const problems = [
      ...checkParameters(mounted.params.path, (key) => ex.pathParams[key], values),
      ...checkParameters(mounted.params.query, (key) => parseQuery(ex.rawQuery)[key], values),
    ];
    if (problems.length > 0)
      return ex.sendError(
        400,
        problems.map((p) => ({ code: 'INVALID_REQUEST', title: 'Bad request', detail: `${p.message}.` })),
      );
    const answer = ex.runtime
      .world()
      .resolve(mounted.api.spec, mounted.operation, { pathParams: ex.pathParams, query: parseQuery(ex.rawQuery), body: undefined });
    if (answer.kind === 'not-found') return ex.sendError(404, answer.message);
    if (answer.kind === 'unprocessable') return ex.sendError(400, answer.message);
    const body = answer.kind === 'object' ? answer.data : answer.render(0, answer.total);
    checkAgainstSpec(ex, mounted, body);
    return ex.sendJson(200, body);
  },
};
