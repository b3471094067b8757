/**
 * Index a dereferenced OpenAPI document into operations: method, path
 * template, parameters (path-level merged with operation-level), request
 * body, responses with headers and converted schemas, permissions, security.
 */
import { entriesOf, isJsonRecord } from './json-schema.ts';
import { parsePermissionTable, permissionsFor } from './permissions.ts';
import type { HttpMethod, JsonSchema, MediaType, Operation, Parameter, ResponseHeader, ResponseSpec } from './types.ts';

const METHODS: HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

type Convert = (schema: unknown) => JsonSchema;

/** OpenAPI's default `style` per parameter location. */
const DEFAULT_STYLE: Record<Parameter['in'], string> = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' };

export function indexOperations(document: Record<string, unknown>, convert: Convert): Operation[] {
  const permissionTable = parsePermissionTable(isJsonRecord(document.info) ? document.info.description : undefined);
  const operations: Operation[] = [];
  for (const [path, pathItem] of entriesOf(document.paths)) {
    if (!isJsonRecord(pathItem)) continue;
    for (const method of METHODS) {
      const operation: unknown = pathItem[method.toLowerCase()];
      if (!isJsonRecord(operation)) continue;
      const requestBody = operation.requestBody;
      operations.push({
        id: typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`,
        method,
        path,
        parameters: mergeParameters(pathItem.parameters, operation.parameters, convert),
        requestBody: requestBody
          ? {
              required: isJsonRecord(requestBody) && requestBody.required === true,
              content: mediaTypes(isJsonRecord(requestBody) ? requestBody.content : undefined, convert),
            }
          : undefined,
        responses: entriesOf(operation.responses).map(([status, response]) => responseSpec(status, response, convert)),
        permissions: permissionsFor(permissionTable, method, path),
        security: securityNames(operation.security ?? document.security),
        pointer: `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}`,
      });
    }
  }
  return operations;
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown, convert: Convert): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (!isJsonRecord(raw) || typeof raw.name !== 'string' || !isLocation(raw.in)) continue;
      const style = typeof raw.style === 'string' ? raw.style : DEFAULT_STYLE[raw.in];
      const parameter: Parameter = {
        name: raw.name,
        in: raw.in,
        required: raw.in === 'path' || raw.required === true,
        schema: raw.schema === undefined ? undefined : convert(raw.schema),
        style,
        explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
      };
      // Header names are case-insensitive; an operation-level parameter overrides a path-level one.
      byKey.set(`${raw.in}:${raw.in === 'header' ? raw.name.toLowerCase() : raw.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function mediaTypes(content: unknown, convert: Convert): MediaType[] {
  if (!content || typeof content !== 'object') return [];
  return Object.entries(content).map(([mediaType, value]) => {
    const media = isJsonRecord(value) ? value : {};
    const examples: Record<string, unknown> = {};
    for (const [name, example] of entriesOf(media.examples)) {
      if (example && typeof example === 'object' && 'value' in example) examples[name] = example.value;
    }
    if (media.example !== undefined) examples.default = media.example;
    return { mediaType, schema: media.schema === undefined ? undefined : convert(media.schema), examples };
  });
}

function responseSpec(status: string, value: unknown, convert: Convert): ResponseSpec {
  const response = isJsonRecord(value) ? value : {};
  const headers: ResponseHeader[] = entriesOf(response.headers).map(([name, header]) => ({
    name,
    required: isJsonRecord(header) && header.required === true,
    schema: !isJsonRecord(header) || header.schema === undefined ? undefined : convert(header.schema),
  }));
  return { status, headers, content: mediaTypes(response.content, convert) };
}

function isLocation(value: unknown): value is Parameter['in'] {
  return typeof value === 'string' && Object.hasOwn(DEFAULT_STYLE, value);
}

function securityNames(requirements: unknown): string[] {
  if (!Array.isArray(requirements)) return [];
  return [...new Set(requirements.flatMap((requirement) => Object.keys(requirement ?? {})))];
}
