/**
 * Error bodies in each spec's own envelope, built from the schema of the
 * status being answered: `{errors:[{code,title,detail}], meta?}` (meta filled
 * with what that schema's meta declares), `[{code,message,request_id}]` or
 * `{code,message}`. A status the operation does not document gets its
 * family's envelope (FamilyProfile.errorEnvelope), and the codes are the
 * family's own where it names them (errorCodes).
 * Shared by the mock server and `aferir data --status`, so both print the same codes.
 */
import { isSchemaObject, type JsonSchemaObject } from '../specs/json-schema.ts';
import { randomBytes } from 'node:crypto';
import type { ErrorEnvelope, FamilyProfile } from '../families/family-profile.ts';
import type { JsonSchema } from '../specs/types.ts';
import { itemAt } from './random.ts';

export interface ErrorDetail {
  /** Stable machine-readable code, e.g. `INVALID_PAGE_SIZE`. */
  code: string;
  /** Short label for people. */
  title: string;
  /** One sentence naming the culprit. */
  detail: string;
}

export interface ErrorContext {
  status: number;
  requestDateTime: string;
  /** Belvo's `request_id` (32 hex digits); random when absent, deterministic when `aferir data` passes one. */
  requestId?: string;
}

const TITLES: Record<number, [code: string, title: string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHORIZED', 'Unauthorized'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  406: ['NOT_ACCEPTABLE', 'Not acceptable'],
  408: ['REQUEST_TIMEOUT', 'Request timeout'],
  413: ['PAYLOAD_TOO_LARGE', 'Payload too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  422: ['UNPROCESSABLE_ENTITY', 'Unprocessable entity'],
  423: ['LOCKED', 'Locked'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal server error'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable'],
  504: ['GATEWAY_TIMEOUT', 'Gateway timeout'],
  529: ['SITE_IS_OVERLOADED', 'Site is overloaded'],
};

type ErrorCodes = FamilyProfile['errorCodes'];

/** The default code and title for a status. */
export function errorDetail(status: number, detail: string, code?: string): ErrorDetail {
  const [defaultCode, title] = TITLES[status] ?? [`HTTP_${status}`, `HTTP ${status}`];
  return { code: code ?? defaultCode, title, detail };
}

/** A Belvo-style request id: 32 lowercase hex digits. */
function randomRequestId(): string {
  return randomBytes(16).toString('hex');
}

export function buildErrorBody(
  profile: Pick<FamilyProfile, 'errorEnvelope' | 'errorCodes'>,
  schema: JsonSchema | undefined,
  errors: readonly ErrorDetail[],
  context: ErrorContext,
): unknown {
  const node = isSchemaObject(schema) ? schema : undefined;
  const envelope: ErrorEnvelope = !node
    ? profile.errorEnvelope
    : node.type === 'array'
      ? 'code-message-list'
      : node.properties?.errors
        ? 'errors-array'
        : 'code-message';
  if (envelope === 'code-message-list') return codeMessageList(node, errors, context, profile.errorCodes);
  if (envelope === 'errors-array') return errorsEnvelope(node, errors, context);
  return codeMessage(errors, context, profile.errorCodes);
}

function errorsEnvelope(node: JsonSchemaObject | undefined, errors: readonly ErrorDetail[], context: ErrorContext): unknown {
  const errorsSchema = node?.properties?.errors;
  const errorsNode = isSchemaObject(errorsSchema) ? errorsSchema : undefined;
  const itemSchema = errorsNode?.items;
  const maxItems = typeof errorsNode?.maxItems === 'number' ? errorsNode.maxItems : 13;
  const itemProperties = (isSchemaObject(itemSchema) ? itemSchema.properties : undefined) ?? {};
  const items = errors.slice(0, Math.max(1, maxItems)).map((error) => {
    const item: Record<string, unknown> = {
      code: clip(error.code, itemProperties.code),
      title: clip(error.title, itemProperties.title),
      detail: clip(error.detail, itemProperties.detail),
    };
    // Open Insurance puts the timestamp on each error rather than in meta.
    if (itemProperties.requestDateTime) item.requestDateTime = context.requestDateTime;
    return item;
  });
  const body: Record<string, unknown> = { errors: items };
  const metaSchema = node?.properties?.meta;
  if (metaSchema)
    body.meta = buildMeta(metaSchema, { totalRecords: 0, totalPages: 0, requestDateTime: context.requestDateTime, hasMoreRecords: false });
  else if (!node) body.meta = { requestDateTime: context.requestDateTime };
  return body;
}

function codeMessageList(
  node: JsonSchemaObject | undefined,
  errors: readonly ErrorDetail[],
  context: ErrorContext,
  codes: ErrorCodes,
): unknown {
  const enumCode = findCodeEnum(node?.items);
  return errors.map((error) => ({
    code: enumCode ?? codes?.[context.status] ?? error.code.toLowerCase(),
    message: error.detail,
    request_id: context.requestId ?? randomRequestId(),
  }));
}

function codeMessage(errors: readonly ErrorDetail[], context: ErrorContext, codes: ErrorCodes): unknown {
  const first = itemAt(errors, 0);
  const code = codes?.[context.status] ?? first.code;
  const body: Record<string, unknown> = { code, message: first.detail };
  if (errors.length > 1) body.details = errors.map((error) => ({ message: error.detail }));
  return body;
}

/** The only allowed `code` where a schema pins it (Belvo's per-status `allOf` branches). */
function findCodeEnum(schema: unknown): string | undefined {
  if (!isSchemaObject(schema)) return undefined;
  const code = schema.properties?.code;
  const own = isSchemaObject(code) ? code.enum : undefined;
  if (Array.isArray(own) && typeof own[0] === 'string') return own[0];
  for (const branch of schema.allOf ?? []) {
    const found = findCodeEnum(branch);
    if (found) return found;
  }
  return undefined;
}

function clip(text: string, schema: JsonSchema | undefined): string {
  const max = isSchemaObject(schema) && typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  return max !== undefined && text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

export interface MetaValues {
  totalRecords: number;
  totalPages: number;
  requestDateTime: string;
  hasMoreRecords: boolean;
}

/** A meta object with exactly the members its schema declares, in the schema's order. */
export function buildMeta(schema: JsonSchema, values: MetaValues): Record<string, unknown> {
  const properties = (isSchemaObject(schema) ? schema.properties : undefined) ?? {};
  const meta: Record<string, unknown> = {};
  for (const name of Object.keys(properties)) {
    if (name in values) meta[name] = values[name as keyof MetaValues];
  }
  return meta;
}

/** `requestDateTime` as Open Finance wants it: `yyyy-MM-ddTHH:mm:ssZ`, 20 characters (the specs cap it with maxLength 20). */
export function formatRequestDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
