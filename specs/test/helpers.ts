import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { isJsonRecord } from '../json-schema.ts';
import { valueAt } from '../violations.ts';

/** A throwaway directory with the given files (objects are written as YAML). */
export function tempSpecDir(files: Record<string, string | object>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aferir-spec-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : stringify(content));
  }
  return dir;
}

/** The object at a JSON pointer of a test document; throws when there is none, so a changed fixture fails clearly. */
export function objectAt(document: unknown, pointer: string): Record<string, unknown> {
  const value = valueAt(document, pointer);
  if (!isJsonRecord(value)) throw new Error(`no object at ${pointer}`);
  return value;
}

/** A minimal OpenAPI 3.0 document whose one operation returns `schema`. */
export function minimalSpec(schema: object, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Test', version: '1.0.0' },
    servers: [{ url: 'https://api.example.test/base/v1' }],
    paths: {
      '/things': {
        get: {
          operationId: 'getThings',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
        },
      },
    },
    ...extra,
  };
}
