/**
 * Load a spec from a catalogue id, a file or a URL: read, parse, check it is
 * OpenAPI 3.x, resolve every $ref (within the bounds of the $ref policy),
 * convert the schemas for ajv, index the operations and lint. One entry point
 * for the mock, the suites and the CLI, so that all of them see the same spec.
 */
import path from 'node:path';
import { catalogueEntry, catalogueFile, CATALOGUE, type CatalogueEntry } from './catalogue.ts';
import { Deadline } from './deadline.ts';
import { SpecError } from './errors.ts';
import { lintDocument } from './lint.ts';
import { DEFAULT_SPEC_TIMEOUT_MS, type SpecLoadOptions } from './load-options.ts';
import { isTooDeepError, tooDeep } from './nesting-depth.ts';
import { createSchemaConverter } from './openapi-schema.ts';
import { indexOperations } from './operations.ts';
import { parseSpecText } from './parse-document.ts';
import { isUrl, readSpecText } from './read-source.ts';
import { createRefPolicy } from './ref-policy.ts';
import { resolveSpecRefs } from './resolve-refs.ts';
import { SchemaValidator } from './schema-validator.ts';
import { isJsonRecord } from './json-schema.ts';
import type { LoadedSpec } from './types.ts';

export type { SpecLoadOptions } from './load-options.ts';

const catalogueCache = new Map<string, Promise<LoadedSpec>>();

/**
 * Load a spec; catalogue specs are loaded once per process and shared (treat the result as read-only).
 * Their cache ignores `options`: bundled files have no external $ref and are read from disk.
 */
export function loadSpec(ref: string, options: SpecLoadOptions = {}): Promise<LoadedSpec> {
  const entry = catalogueEntry(ref);
  if (!entry) return loadUncached(ref, options);
  let pending = catalogueCache.get(ref);
  if (!pending) {
    pending = loadUncached(ref, options);
    catalogueCache.set(ref, pending);
    pending.catch(() => catalogueCache.delete(ref));
  }
  return pending;
}

async function loadUncached(ref: string, options: SpecLoadOptions): Promise<LoadedSpec> {
  const entry = catalogueEntry(ref);
  const source = entry ? catalogueFile(entry) : isUrl(ref) ? ref : path.resolve(ref);
  if (!entry && !isUrl(ref) && looksLikeCatalogueId(ref)) {
    throw new SpecError(
      'unknown-spec-id',
      `'${ref}' is not a bundled catalogue id (${CATALOGUE.map((e) => e.id).join(', ')}) nor an existing file; run 'aferir specs list' to see the catalogue.`,
    );
  }
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_SPEC_TIMEOUT_MS);
  try {
    return await loadWithin(ref, source, entry, options, deadline);
  } catch (error) {
    // The last line of defence: whatever still recursed too deep is the spec's nesting, not a crash.
    if (isTooDeepError(error)) throw tooDeep(ref, error);
    throw error;
  } finally {
    deadline.end();
  }
}

async function loadWithin(
  ref: string,
  source: string,
  entry: CatalogueEntry | undefined,
  options: SpecLoadOptions,
  deadline: Deadline,
): Promise<LoadedSpec> {
  const { text, location } = await readSpecText(source, { deadline });
  const parsed = parseSpecText(text, ref);
  const raw = parsed.value;
  assertOpenApi3(raw, ref);

  // A downloaded spec's relative $refs live where it was finally served from (a portal may redirect to a CDN).
  const policy = await createRefPolicy({
    spec: isUrl(source) ? { urls: [source, location] } : { file: source },
    refRoots: options.refRoots,
  });
  const { bundled, dereferenced, circular } = await resolveSpecRefs({
    spec: ref,
    rootLocation: location,
    rootDocument: raw,
    policy,
    deadline,
  });

  const openapi = String(raw.openapi);
  const convert = createSchemaConverter({ openapi });
  const validator = new SchemaValidator(openapi);
  const id = entry?.id ?? idFromSource(ref);
  const servers: unknown[] = Array.isArray(dereferenced.servers) ? dereferenced.servers : [];
  const server = isJsonRecord(servers[0]) ? servers[0] : {};
  const serverUrl = typeof server.url === 'string' ? server.url : undefined;
  const basePath = serverUrl === undefined ? `/${id}` : basePathOf(serverUrl, server.variables);
  const info = isJsonRecord(dereferenced.info) ? dereferenced.info : {};

  return {
    id,
    source,
    file: entry?.file,
    title: String(info.title ?? id),
    version: String(info.version ?? ''),
    openapi,
    basePath,
    serverUrl,
    operations: indexOperations(dereferenced, convert),
    securitySchemes: securitySchemesOf(dereferenced.components),
    lint: lintDocument({ bundled, dereferenced, convert, validator, parseWarnings: parsed.warnings, circularRefs: circular }),
    validator,
    document: dereferenced,
  };
}

function looksLikeCatalogueId(ref: string): boolean {
  return !ref.includes('/') && !ref.includes('\\') && !/\.(ya?ml|json)$/i.test(ref);
}

function assertOpenApi3(document: unknown, ref: string): asserts document is Record<string, unknown> {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecError('not-openapi', `${ref} is not an OpenAPI document: it does not contain a YAML or JSON object.`);
  }
  const record = document as Record<string, unknown>;
  if (typeof record.swagger === 'string') {
    throw new SpecError(
      'not-openapi',
      `${ref} is Swagger ${record.swagger}; aferir reads OpenAPI 3.0 and 3.1 — convert it first (for example with swagger2openapi).`,
    );
  }
  if (typeof record.openapi !== 'string' || !/^3\.[01]\./.test(record.openapi)) {
    throw new SpecError(
      'not-openapi',
      `${ref} is not an OpenAPI 3.0/3.1 document: its "openapi" field is ${JSON.stringify(record.openapi) ?? 'missing'}.`,
    );
  }
  if (record.paths !== undefined && (record.paths === null || typeof record.paths !== 'object')) {
    throw new SpecError('not-openapi', `${ref} has a "paths" field that is not an object.`);
  }
}

function idFromSource(ref: string): string {
  const last = ref.split(/[\\/]/).filter(Boolean).pop() ?? 'spec';
  return last.replace(/[?#].*$/, '').replace(/\.(ya?ml|json)$/i, '') || 'spec';
}

function basePathOf(url: string, variables: unknown): string {
  const expanded = url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = isJsonRecord(variables) ? variables[name] : undefined;
    const value = isJsonRecord(variable) ? variable.default : undefined;
    return value === undefined || value === null ? 'host' : String(value);
  });
  let pathname: string;
  try {
    pathname = new URL(expanded, 'http://relative.invalid').pathname;
  } catch {
    pathname = '';
  }
  return decodeURI(pathname).replace(/\/+$/, '');
}

/** `components.securitySchemes`, keeping the schemes whose members have the types OpenAPI gives them. */
function securitySchemesOf(components: unknown): LoadedSpec['securitySchemes'] {
  const schemes: LoadedSpec['securitySchemes'] = {};
  const declared = isJsonRecord(components) && isJsonRecord(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(declared)) {
    if (!isJsonRecord(scheme) || typeof scheme.type !== 'string') continue;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    schemes[name] = { type: scheme.type, scheme: text(scheme.scheme), in: text(scheme.in), name: text(scheme.name) };
  }
  return schemes;
}
