/**
 * Engine behaviour beyond single checks: the registry's rules, --only/--skip,
 * a generic spec with --param (or a clear skip without it), spec-defect
 * findings as warnings and --fail-on, a crashing check becoming check-error,
 * and the token never reaching the results even when the target echoes it.
 */
import { fileURLToPath } from 'node:url';
import { profileOf } from '../../families/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../specs/errors.ts';
import { loadSpec } from '../../specs/load.ts';
import { CHECKS, buildRegistry, selectChecks } from '../checks/registry.ts';
import type { Check } from '../checks/types.ts';
import { createOperationContext } from '../engine/operation-context.ts';
import { runOperationChecks } from '../engine/run-operation.ts';
import { createRedactor } from '../http/redact.ts';
import { Discovery } from '../plan/discovery.ts';
import { fakeExchange } from './fixtures/exchanges.ts';
import { startTinyServer } from './fixtures/tiny-server.ts';
import { runQuietly } from './helpers.ts';

const TINY = fileURLToPath(new URL('./fixtures/tiny-spec.yaml', import.meta.url));

describe('the check registry', () => {
  it('has unique kebab-case ids, each with a one-line description', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      expect(check.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(check.description.length).toBeGreaterThan(20);
      expect(check.description).not.toMatch(/\n/);
    }
  });

  it('refuses a duplicate id', () => {
    expect(() => buildRegistry([CHECKS[0]!, { ...CHECKS[0] } as Check])).toThrow(/registered twice/);
  });

  it('--only and --skip select by id, and an unknown id is a usage error listing the known ones', () => {
    expect(selectChecks(['paging-walk']).map((c) => c.id)).toEqual(['paging-walk']);
    expect(selectChecks([], ['paging-walk']).some((c) => c.id === 'paging-walk')).toBe(false);
    const error = (() => {
      try {
        selectChecks(['paging-wlak']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/Unknown check id 'paging-wlak' in --only; the checks are: valid-request, /);
  });
});

describe('a generic spec', () => {
  let server: Awaited<ReturnType<typeof startTinyServer>>;
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(() => server.close());

  it('without a way to find the path parameter, skips with a reason that names --param', async () => {
    const run = await runQuietly({ suites: [{ spec: TINY, target: server.url }] });
    expect(run.summary.passed).toBe(0);
    expect(run.results.every((r) => r.status === 'skipped')).toBe(true);
    expect(run.results[0]?.message).toMatch(/no value for path parameter \{itemId\}.*--param itemId=<value>/);
  });

  it('with --param, runs the generic checks and finds the unknown id answered 404', async () => {
    const run = await runQuietly({ suites: [{ spec: TINY, target: server.url }], params: { itemId: 'ab123' } });
    const byCheck = Object.fromEntries(run.results.map((r) => [r.check, r.status]));
    expect(byCheck).toMatchObject({
      'valid-request': 'passed',
      'response-schema': 'passed',
      'unknown-id': 'passed',
      'status-documented': 'passed',
    });
    expect(byCheck['paging-walk']).toBeUndefined();
    expect(byCheck['interaction-id-echo']).toBeUndefined();
  });
});

describe('spec defects are warnings, and --fail-on decides', () => {
  let server: Awaited<ReturnType<typeof startTinyServer>>;
  beforeAll(async () => {
    server = await startTinyServer({ rate: 12 });
  });
  afterAll(() => server.close());

  it('a number breaking a pattern written on numbers warns, and fails only with --fail-on warning', async () => {
    const lenient = await runQuietly({ suites: [{ spec: TINY, target: server.url }], params: { itemId: 'ab123' } });
    const schema = lenient.results.find((r) => r.check === 'response-schema')!;
    expect(schema.status).toBe('warning');
    expect(schema.findings?.[0]).toMatchObject({ path: '$.rate', severity: 'warning' });
    expect(lenient.verdict).toBe('pass');
    const strict = await runQuietly({ suites: [{ spec: TINY, target: server.url }], params: { itemId: 'ab123' }, failOn: 'warning' });
    expect(strict.verdict).toBe('fail');
  });
});

describe('secrets', () => {
  let server: Awaited<ReturnType<typeof startTinyServer>>;
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(() => server.close());

  it('the token never appears in the results, even when the target echoes it back', async () => {
    const token = 'super-secret-token-value-42';
    const run = await runQuietly({
      suites: [{ spec: TINY, target: server.url }],
      params: { itemId: 'ab123' },
      token,
      headers: { 'X-Api-Key': 'key-material-0042' },
    });
    const text = JSON.stringify(run);
    expect(text).not.toContain(token);
    expect(text).not.toContain('key-material-0042');
    expect(text).toContain('[redacted]');
    const valid = run.results.find((r) => r.check === 'valid-request')!;
    expect(valid.request?.headers?.authorization).toBe('[redacted]');
  });
});

describe('a check that throws', () => {
  it('becomes a check-error result naming it, and the other checks still report', async () => {
    const spec = await loadSpec(TINY);
    const exchange = fakeExchange(spec, 'getItem', { body: { id: 'ab123', price: '10.00', rate: 12.5 } });
    const ctx = createOperationContext({
      spec,
      operation: spec.operations[0]!,
      profile: profileOf(spec),
      inputs: [],
      discovery: new Discovery(),
      plan: { method: 'GET', pathParams: { itemId: 'ab123' }, query: {}, headers: {}, auth: 'token', interactionId: 'fresh' },
      settings: { hasToken: true, hasLimitedToken: false, now: new Date(), maxWalkPages: 5, consistencyLimit: 5 },
      send: async () => exchange,
    });
    const broken: Check = {
      kind: 'probe',
      id: 'always-crashes',
      description: 'A check with a bug, for this test only.',
      severity: 'error',
      guards: [],
      run: () => {
        throw new Error('boom');
      },
    };
    const results = await runOperationChecks(ctx, [broken, CHECKS.find((c) => c.id === 'response-schema')!], createRedactor([]));
    expect(results[0]).toMatchObject({ check: 'check-error', status: 'failed', message: 'check always-crashes crashed: boom' });
    expect(results[1]).toMatchObject({ check: 'response-schema', status: 'passed' });
  });
});
