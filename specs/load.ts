/**
 * Load a spec from a catalogue id, a file or a URL: read, parse, check it is
 * OpenAPI 3.x, resolve every $ref (local and relative files), convert the
 * schemas for ajv, index the operations and lint. One entry point for the
 * mock, the suites and the CLI, so that all of them see the same spec.
 */
import $RefParser from '@apidevtools/json-schema-ref-parser';
import path from 'node:path';
import { catalogueEntry, catalogueFile, CATALOGUE } from './catalogue.ts';
import { SpecError } from './errors.ts';
import { detectFamily } from './family.ts';
import { lintDocument } from './lint.ts';
import { createSchemaConverter } from './openapi-schema.ts';
import { indexOperations } from './operations.ts';
import { parseSpecText } from './parse-document.ts';
import { isUrl, readSpecText } from './read-source.ts';
import { SchemaValidator } from './schema-validator.ts';
import type { Family, LoadedSpec } from './types.ts';

const catalogueCache = new Map<string, Promise<LoadedSpec>>();

/** Load a spec; catalogue specs are loaded once per process and shared (treat the result as read-only). */
export function loadSpec(ref: string): Promise<LoadedSpec> {
  const entry = catalogueEntry(ref);
  if (!entry) return loadUncached(ref);
  let pending = catalogueCache.get(ref);
  if (!pending) {
    pending = loadUncached(ref);
    catalogueCache.set(ref, pending);
    pending.catch(() => catalogueCache.delete(ref));
  }
  return pending;
}

async function loadUncached(ref: string): Promise<LoadedSpec> {
  const entry = catalogueEntry(ref);
  const source = entry ? catalogueFile(entry) : isUrl(ref) ? ref : path.resolve(ref);
  if (!entry && !isUrl(ref) && looksLikeCatalogueId(ref)) {
    throw new SpecError('unknown-spec-id', `'${ref}' is not a bundled catalogue id (${CATALOGUE.map((e) => e.id).join(', ')}) nor an existing file; run 'aferir specs list' to see the catalogue.`);
  }
  const text = await readSpecText(source);
  const parsed = parseSpecText(text, ref);
  const raw = parsed.value;
  assertOpenApi3(raw, ref);

  const bundled = await resolveRefs('bundle', source, structuredClone(raw), ref);
  const parser = new $RefParser();
  const dereferenced = (await resolveRefsWith(parser, 'dereference', source, structuredClone(bundled), ref)) as Record<string, any>;

  const openapi = String(raw.openapi);
  const convert = createSchemaConverter({ openapi });
  const validator = new SchemaValidator(openapi);
  const id = entry?.id ?? idFromSource(ref);
  const servers = Array.isArray(dereferenced.servers) ? dereferenced.servers : [];
  const serverUrl = typeof servers[0]?.url === 'string' ? servers[0].url : undefined;
  const basePath = serverUrl === undefined ? `/${id}` : basePathOf(serverUrl, servers[0].variables);
  const family: Family = entry?.family ?? detectFamily(dereferenced, basePath);

  return {
    id,
    source,
    file: entry?.file,
    title: String(dereferenced.info?.title ?? id),
    version: String(dereferenced.info?.version ?? ''),
    openapi,
    family,
    basePath,
    serverUrl,
    operations: indexOperations(dereferenced, convert),
    securitySchemes: dereferenced.components?.securitySchemes ?? {},
    lint: lintDocument({ bundled, dereferenced, convert, validator, parseWarnings: parsed.warnings, circularRefs: parser.$refs.circular }),
    validator,
    document: dereferenced,
  };
}

function looksLikeCatalogueId(ref: string): boolean {
  return !ref.includes('/') && !ref.includes('\\') && !/\.(ya?ml|json)$/i.test(ref);
}

function assertOpenApi3(document: unknown, ref: string): asserts document is Record<string, any> {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecError('not-openapi', `${ref} is not an OpenAPI document: it does not contain a YAML or JSON object.`);
  }
  const record = document as Record<string, unknown>;
  if (typeof record.swagger === 'string') {
    throw new SpecError('not-openapi', `${ref} is Swagger ${record.swagger}; aferir reads OpenAPI 3.0 and 3.1 — convert it first (for example with swagger2openapi).`);
  }
  if (typeof record.openapi !== 'string' || !/^3\.[01]\./.test(record.openapi)) {
    throw new SpecError('not-openapi', `${ref} is not an OpenAPI 3.0/3.1 document: its "openapi" field is ${JSON.stringify(record.openapi) ?? 'missing'}.`);
  }
  if (record.paths !== undefined && (record.paths === null || typeof record.paths !== 'object')) {
    throw new SpecError('not-openapi', `${ref} has a "paths" field that is not an object.`);
  }
}

async function resolveRefs(mode: 'bundle', source: string, document: object, ref: string): Promise<Record<string, any>> {
  return (await resolveRefsWith(new $RefParser(), mode, source, document, ref)) as Record<string, any>;
}

async function resolveRefsWith(parser: $RefParser, mode: 'bundle' | 'dereference', source: string, document: object, ref: string): Promise<object> {
  const options = {
    resolve: { http: { timeout: 15_000 }, external: true },
    // Cycles stay as $refs: a cyclic object graph would send ajv and the generator into endless recursion.
    dereference: { circular: 'ignore' as const },
  };
  try {
    return await (parser as any)[mode](isUrl(source) ? source : path.resolve(source), document, options);
  } catch (error) {
    throw refError(error, ref, document);
  }
}

function refError(error: unknown, ref: string, document: object): SpecError {
  const message = (error as Error).message ?? String(error);
  const pointer = /\$ref pointer "([^"]+)"/.exec(message)?.[1] ?? /"([^"]*#[^"]*)"/.exec(message)?.[1];
  if (pointer) {
    const usedAt = findRefUse(document, pointer);
    return new SpecError('unresolved-ref', `${ref} has a $ref that cannot be resolved: "${pointer}"${usedAt ? ` (used at ${usedAt})` : ''}; fix the reference or add the missing target.`, { cause: error });
  }
  const file = /(?:ENOENT|Error opening file|Error reading file)[^"]*"?([^"\s]+)?/.exec(message);
  return new SpecError('unresolved-ref', `${ref} refers to a file or URL that cannot be read (${message.split('\n')[0]}); fix the $ref or put the file beside the spec.`, { cause: file ?? error });
}

/** The JSON pointer of the first `$ref` whose value ends with the missing pointer. */
function findRefUse(node: unknown, target: string, pointer = ''): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === '$ref' && typeof value === 'string' && (value === target || value.endsWith(target.replace(/^[^#]*/, '')))) return child;
    const found = findRefUse(value, target, child);
    if (found) return found;
  }
  return undefined;
}

function idFromSource(ref: string): string {
  const last = ref.split(/[\\/]/).filter(Boolean).pop() ?? 'spec';
  return last.replace(/[?#].*$/, '').replace(/\.(ya?ml|json)$/i, '') || 'spec';
}

function basePathOf(url: string, variables: Record<string, { default?: string }> | undefined): string {
  const expanded = url.replace(/\{([^}]+)\}/g, (_, name: string) => variables?.[name]?.default ?? 'host');
  let pathname: string;
  try {
    pathname = new URL(expanded, 'http://relative.invalid').pathname;
  } catch {
    pathname = '';
  }
  return decodeURI(pathname).replace(/\/+$/, '');
}
