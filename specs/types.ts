/**
 * The operation model every other part of aferir works from: a loaded spec,
 * its operations, and the JSON Schemas (already converted for ajv) they carry.
 */
import type { JsonSchema } from './json-schema.ts';
import type { LintFinding } from './lint.ts';
import type { SchemaValidator } from './schema-validator.ts';

export type { JsonSchema } from './json-schema.ts';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
  /** Serialisation of arrays/objects (`form`, `simple`, …); OpenAPI's default for the location when absent. */
  style: string;
  /** Whether array items repeat the parameter (`a=1&a=2`) or are joined (`a=1,2`). */
  explode: boolean;
}

export interface MediaType {
  /** e.g. `application/json; charset=utf-8`, as written in the spec. */
  mediaType: string;
  schema?: JsonSchema;
  /** Named examples (`examples`) and the single `example`, under the name `default`. */
  examples: Record<string, unknown>;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  schema?: JsonSchema;
}

export interface ResponseSpec {
  /** `200`, `4XX` or `default`, as written. */
  status: string;
  headers: ResponseHeader[];
  content: MediaType[];
}

interface RequestBodySpec {
  required: boolean;
  content: MediaType[];
}

export interface Operation {
  /** operationId, or `METHOD /path` when the spec gives none. */
  id: string;
  method: HttpMethod;
  /** The path template relative to the API base, e.g. `/accounts/{accountId}`. */
  path: string;
  parameters: Parameter[];
  requestBody?: RequestBodySpec;
  responses: ResponseSpec[];
  /** Consent permissions the operation needs (from the spec's permission table). */
  permissions: string[];
  /** Security schemes that apply (names from `components.securitySchemes`); empty = none. */
  security: string[];
  /** JSON pointer of the operation in the document. */
  pointer: string;
}

export interface LoadedSpec {
  /** Catalogue id, or a name derived from the file or URL. */
  id: string;
  /** Where it came from: a catalogue file path, a file path or a URL. */
  source: string;
  /** For catalogue specs: the path relative to the repository root. */
  file?: string;
  title: string;
  version: string;
  openapi: string;
  /** Path prefix under which the API lives (from the first `servers` URL), '' for the root. */
  basePath: string;
  /** The first server URL as written, if any. */
  serverUrl?: string;
  operations: Operation[];
  securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
  lint: LintFinding[];
  validator: SchemaValidator;
  /** The document with every $ref resolved (shared objects where the spec shares them). */
  document: Record<string, unknown>;
}
