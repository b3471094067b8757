/**
 * What the mock prepares once per spec and per operation at start-up, so that
 * a request only looks things up: compiled parameter and body validators, the
 * success response's schema and the names its links and meta declare, the
 * permissions the operation needs, and the family's profile.
 */
import type { ValidateFunction } from 'ajv';
import { isSignedMedia, jsonMedia, responseFor, signsBody } from '../../specs/lookup.ts';
import { successResponse as successResponseOf } from '../../data/resolve/render.ts';
import { profileOf, type FamilyProfile } from '../../families/index.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import { isSchemaObject, propertySchema, type JsonSchemaObject } from '../../specs/json-schema.ts';
import { compileParameters, type CompiledParameters } from './request-params.ts';
import { demandsCredentials } from '../../specs/credentials-demand.ts';

export interface MountedApi {
  spec: LoadedSpec;
  /** The rules of the spec's family (error envelope, paging, permissions). */
  profile: FamilyProfile;
  /** Where the API is served, e.g. `/open-banking/accounts/v2` ('' = the root). */
  basePath: string;
  operations: MountedOperation[];
  /** `https` when the spec's links only accept https URLs (Open Insurance): links are written with it. */
  linkScheme?: 'https';
  /** Longest absolute URL a `self` link may hold (the links schema's maxLength). */
  selfMaxLength?: number;
}

export interface MountedOperation {
  api: MountedApi;
  operation: Operation;
  /** Unique per mock, the prefix of this operation's cache keys. */
  key: string;
  params: CompiledParameters;
  /** `signed`: the body is only documented as `application/jwt`, a compact JWS whose payload `validate` checks. */
  body?: { required: boolean; validate?: ValidateFunction; signed: boolean };
  /** Whether some documented response is only `application/jwt` (those are sent signed, signed-body.ts). */
  signsResponses: boolean;
  /** Consent permissions the operation needs. */
  permissions: readonly string[];
  /** Whether credentials are demanded (a security scheme, or a documented 401 where the spec declares none). */
  secured: boolean;
  /** The success response; its schema is compiled on first use (the suites in the same process share the compiled form). */
  success: { status: number; schema?: JsonSchemaObject; properties: string[] };
  /** Property names of the 200 `links` schema (empty = no links). */
  links: ReadonlySet<string>;
  meta?: JsonSchema;
}

export function mountApi(spec: LoadedSpec, startIndex: number): MountedApi {
  const api: MountedApi = { spec, profile: profileOf(spec), basePath: spec.basePath, operations: [] };
  spec.operations.forEach((operation, index) => {
    api.operations.push(mountOperation(api, operation, `${startIndex + index}`));
  });
  return api;
}

function mountOperation(api: MountedApi, operation: Operation, key: string): MountedOperation {
  const { spec } = api;
  // The same success response the data engine renders, so status and body always agree.
  const successResponse = successResponseOf(operation) ?? responseFor(operation, 200);
  const successMedia = successResponse ? jsonMedia(successResponse.content) : undefined;
  const successSchema = successMedia?.schema;
  const schema = isSchemaObject(successSchema) ? successSchema : undefined;
  const linksSchema = propertySchema(schema, 'links');
  const bodyMedia = operation.requestBody ? jsonMedia(operation.requestBody.content) : undefined;
  return {
    api,
    operation,
    key,
    params: compileParameters(spec, operation),
    body: operation.requestBody
      ? {
          required: operation.requestBody.required,
          validate: bodyMedia?.schema === undefined ? undefined : spec.validator.compile(bodyMedia.schema),
          signed: signsBody(operation),
        }
      : undefined,
    signsResponses: operation.responses.some((response) => isSignedMedia(jsonMedia(response.content))),
    permissions: api.profile.permissionsOf(operation),
    secured: demandsCredentials(spec, operation),
    success: {
      status: successResponse && /^2\d\d$/.test(successResponse.status) ? Number(successResponse.status) : 200,
      schema,
      properties: Object.keys(schema?.properties ?? {}),
    },
    links: new Set(Object.keys(linksSchema?.properties ?? {})),
    meta: schema?.properties?.meta,
  };
}

/** The JSON schema of the documented response for a status (exact, range, default). */
export function errorSchemaFor(operation: Operation, status: number): JsonSchema | undefined {
  const response = responseFor(operation, status);
  return response ? jsonMedia(response.content)?.schema : undefined;
}
