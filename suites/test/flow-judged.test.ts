/**
 * An API judged by its flow (a consents API) is not judged one operation at a time by a plain run: its
 * requests would be refused for want of an approved consent, not for a defect. Each operation's checks
 * skip saying so, naming `aferir run --auth`, instead of failing or giving a misleading "no value" reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/server/start.ts';
import type { RunResults } from '../result-model.ts';
import { runQuietly } from './helpers.ts';

const SPEC = 'ofb-consents-3.3.1';
let mock: Awaited<ReturnType<typeof startMock>>;
let run: RunResults;

beforeAll(async () => {
  mock = await startMock({ port: 0, specs: [SPEC], seed: 1, quiet: true });
  run = await runQuietly({ suites: [{ spec: SPEC, target: mock.apis[0]!.url }], token: 'full-access-token' });
});

afterAll(async () => {
  await mock?.close();
});

describe('a flow-judged API in a plain run', () => {
  it('sends no valid request and skips each operation with the flow as the reason', () => {
    expect(run.summary.failed).toBe(0);
    const valid = run.results.filter((r) => r.check === 'valid-request');
    expect(valid.length).toBeGreaterThan(3);
    for (const result of valid) {
      expect(result.status).toBe('skipped');
      expect(result.message).toMatch(/is judged by its flow, not one operation at a time: .*aferir run --auth/);
      expect(result.request).toBeUndefined();
    }
  });
});
