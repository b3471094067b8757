/**
 * The write side of the Open Finance/Insurance mock: JSON request bodies checked against the spec (the first of
 * 400/422 the operation documents, in its envelope), and resources a POST created answered by the routes that
 * name their id (GET shows, PATCH/PUT change, DELETE removes), from mocks/server/created-resources.ts.
 */
import { decodeCompactJws, verifyCompactJws } from '../../specs/jws.ts';
import { jsonMedia } from '../../specs/lookup.ts';
import type { Caller, ConsentAccess } from '../../mocks/server/consent-access.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { toViolations } from '../../specs/violations.ts';
import { fitTo, patched } from '../../mocks/server/created-resources.ts';
import { documentedStatus } from '../../mocks/server/handler.ts';
import { readJsonBody } from '../../mocks/server/json-body.ts';
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import { renderSuccess } from '../../mocks/server/success-body.ts';

/** Whether the operation takes a JSON body (a signed `application/jwt` one is not read here). */
export function takesJsonBody(mounted: MountedOperation): boolean {
  return mounted.operation.requestBody !== undefined && jsonMedia(mounted.operation.requestBody.content) !== undefined;
}

/** The parsed body, or undefined once an error has been answered. */
export function readCheckedBody(ex: MockExchange, mounted: MountedOperation, raw: Buffer | undefined): { value: unknown } | undefined {
  const body = readJsonBody(ex, mounted, raw);
  if (body === undefined) return undefined;
  const validate = mounted.body?.validate;
  if (body.value === undefined || !validate || validate(body.value)) return body;
  const status = documentedStatus(mounted, [400, 422]);
  const violations = toViolations(validate.errors ?? [], body.value);
  ex.sendError(
    status,
    violations.slice(0, 13).map((v) => ({
      code: status === 422 ? 'PARAMETRO_INVALIDO' : 'INVALID_BODY',
      title: status === 422 ? 'Unprocessable entity' : 'Bad request',
      detail: `body ${v.path.replace(/^\$\.?/, '') || '(the whole body)'}: ${v.message} (${v.rule}).`,
    })),
  );
  return undefined;
}

/**
 * Why a signed request body is refused, when it is: its signature must verify with the keys of the registered client
 * that holds the token (payments: 400 BAD_SIGNATURE). A convenience token names no client, so nothing is verified.
 */
export async function signedBodyProblem(
  access: ConsentAccess | undefined,
  mounted: MountedOperation,
  caller: Caller,
  raw: Buffer | undefined,
): Promise<string | undefined> {
  if (!mounted.body?.signed || caller.kind !== 'issued' || !access?.clientKeys || raw === undefined || raw.length === 0) return undefined;
  const decoded = decodeCompactJws(raw.toString('latin1'));
  if ('problem' in decoded) return decoded.problem;
  const keys = await access.clientKeys(caller.clientId).catch(() => null);
  if (keys === null) return `the JWKS of client ${caller.clientId} cannot be read`;
  if (!keys) return `client ${caller.clientId} is not registered`;
  return verifyCompactJws(decoded, keys).problem;
}

/** The schema of the success body's `data`. */
export function dataSchemaOf(mounted: MountedOperation): JsonSchema | undefined {
  return mounted.success.schema?.properties?.data;
}

/** Answers from a resource a POST created, when a path id names one; false when none does. */
export async function answerCreated(
  ex: MockExchange,
  mounted: MountedOperation,
  body: unknown,
  links: Record<string, string> | undefined,
): Promise<boolean> {
  const created = ex.runtime.created;
  if (!created) return false;
  const { spec } = mounted.api;
  const { operation } = mounted;
  for (const parameter of operation.parameters) {
    const value = parameter.in === 'path' ? ex.pathParams[parameter.name] : undefined;
    if (value === undefined) continue;
    const stored = await created.find(spec, parameter.name, value);
    if (stored === undefined) continue;
    const schema = dataSchemaOf(mounted);
    const status = mounted.success.status;
    if (operation.method === 'DELETE') {
      await created.remove(spec, parameter.name, value);
      if (status === 204 || mounted.success.schema === undefined) {
        delete ex.headers['content-type'];
        ex.send(status, '');
        return true;
      }
    }
    let data: unknown = stored;
    if (operation.method === 'PATCH' || operation.method === 'PUT') {
      data = patched(spec, schema, stored, body);
      await created.replace(spec, parameter.name, value, data);
    }
    const shown = fitTo(spec, schema, data, ex.runtime.world(), `stored ${operation.id} ${value}`);
    ex.send(status, renderSuccess(ex, mounted, { data: shown, links }, undefined));
    return true;
  }
  return false;
}
