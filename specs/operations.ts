/**
 * Index a dereferenced OpenAPI document into operations: method, path
 * template, parameters (path-level merged with operation-level), request
 * body, responses with headers and converted schemas, permissions, security.
 */
import { parsePermissionTable, permissionsFor } from './permissions.ts';
import type { HttpMethod, JsonSchema, MediaType, Operation, Parameter, ResponseHeader, ResponseSpec } from './types.ts';

const METHODS: HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

type Convert = (schema: unknown) => JsonSchema;

/** OpenAPI's default `style` per parameter location. */
const DEFAULT_STYLE: Record<Parameter['in'], string> = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' };

export function indexOperations(document: Record<string, any>, convert: Convert): Operation[] {
  const permissionTable = parsePermissionTable(document.info?.description);
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries<any>(document.paths ?? {})) {
    if (!pathItem || typeof pathItem !== 'object') continue;
    for (const method of METHODS) {
      const operation = pathItem[method.toLowerCase()];
      if (!operation || typeof operation !== 'object') continue;
      operations.push({
        id: typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`,
        method,
        path,
        parameters: mergeParameters(pathItem.parameters, operation.parameters, convert),
        requestBody: operation.requestBody
          ? { required: operation.requestBody.required === true, content: mediaTypes(operation.requestBody.content, convert) }
          : undefined,
        responses: Object.entries<any>(operation.responses ?? {}).map(([status, response]) => responseSpec(status, response, convert)),
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
      if (!raw || typeof raw.name !== 'string' || typeof raw.in !== 'string') continue;
      const style = typeof raw.style === 'string' ? raw.style : (DEFAULT_STYLE[raw.in as Parameter['in']] ?? 'simple');
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
  return Object.entries<any>(content).map(([mediaType, media]) => {
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries<any>(media?.examples ?? {})) {
      if (example && typeof example === 'object' && 'value' in example) examples[name] = example.value;
    }
    if (media?.example !== undefined) examples.default = media.example;
    return { mediaType, schema: media?.schema === undefined ? undefined : convert(media.schema), examples };
  });
}

function responseSpec(status: string, response: any, convert: Convert): ResponseSpec {
  const headers: ResponseHeader[] = Object.entries<any>(response?.headers ?? {}).map(([name, header]) => ({
    name,
    required: header?.required === true,
    schema: header?.schema === undefined ? undefined : convert(header.schema),
  }));
  return { status, headers, content: mediaTypes(response?.content, convert) };
}

function securityNames(requirements: unknown): string[] {
  if (!Array.isArray(requirements)) return [];
  return [...new Set(requirements.flatMap((requirement) => Object.keys(requirement ?? {})))];
}
