/**
 * The mock serves the official OpenAPI files as they are published (the
 * reference copies in ../shared, tests only): every operation answers a valid
 * request with a 200 that validates against the official document.
 * Skipped when ../shared is not beside the clone.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_REFERENCES, REFERENCE_DIR, REFERENCES_SKIP_REASON } from '../../../fixtures/reference-pairs.ts';
import { startMock } from '../start.ts';
import { call, INTERACTION_ID, specProblems } from './helpers.ts';

// Without the files, one placeholder name, so the skipped test still shows (and says why) instead of vanishing.
const FILES = HAVE_REFERENCES
  ? ['ofb', 'opin', 'opus'].flatMap((family) => readdirSync(`${REFERENCE_DIR}${family}`).map((file) => `${REFERENCE_DIR}${family}/${file}`))
  : ['each official file'];

describe.skipIf(!HAVE_REFERENCES)(`official spec files${REFERENCES_SKIP_REASON}`, () => {
  it.each(FILES)('serves %s with valid 200s', async (file) => {
    const mock = await startMock({ port: 0, specs: [file], now: new Date('2026-05-10T12:00:00Z') });
    try {
      const spec = mock.specs[0]!; // started with one spec
      for (const operation of spec.operations) {
        const generated = mock.world().validRequest(spec, operation, 0);
        const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(generated.pathParams[name]!));
        const query = new URLSearchParams(generated.query).toString();
        // A public host for links (ajv-formats' `url` rejects loopback hosts; see e2e.test.ts).
        const headers: Record<string, string> = {
          ...generated.headers,
          authorization: 'Bearer official',
          'x-fapi-interaction-id': INTERACTION_ID,
          'x-customer-user-agent': 'aferir-test/1.0',
          'x-forwarded-host': `bank.aferir.example:${mock.port}`,
        };
        const init: RequestInit = { method: operation.method, headers };
        if (generated.body !== undefined) {
          init.body = JSON.stringify(generated.body);
          headers['content-type'] = 'application/json';
        }
        const answer = await call(`${mock.url}${spec.basePath}${path}${query ? `?${query}` : ''}`, init);
        expect(answer.status, `${operation.id}: ${answer.text.slice(0, 300)}`).toBe(200);
        expect(specProblems(spec, operation, answer), operation.id).toEqual([]);
      }
    } finally {
      await mock.close();
    }
  });
});
