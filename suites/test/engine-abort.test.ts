/**
 * The engine's side of an interruption: aborting `RunOptions.signal` stops
 * new requests, cancels the ones in flight, keeps what finished and lists
 * every check that did not run as skipped — never as a failure — and the
 * run as interrupted. The limiter drops the tasks still waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limiter } from '../http/limiter.ts';
import { runSuite } from '../engine/run-suite.ts';
import { startHeldTarget, type HeldTarget } from './fixtures/held-target.ts';
import { BASE_PATH, LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';

const SPEC = 'ofb-accounts-2.4.1';
const TOKEN = 'engine-abort-token';

let fixture: AccountsFixture;
beforeAll(async () => {
  fixture = await startAccountsFixture();
});
afterAll(() => fixture.close());

describe('runSuite with an abort signal', () => {
  let target: HeldTarget | undefined;
  afterAll(() => target?.close());

  it('aborted between operations: the first operation complete, the rest listed as not run, nothing sent after', async () => {
    target = await startHeldTarget(new URL(fixture.url).origin, () => true);
    const controller = new AbortController();
    let sentAtAbort = -1;
    const run = await runSuite({
      suites: [{ spec: SPEC, target: `${target.origin}${BASE_PATH}` }],
      token: TOKEN,
      tokenWithoutPermissions: LIMITED_TOKEN,
      timeoutMs: 60_000,
      observers: [
        {
          onProgress: (event) => {
            if (event.type === 'operation-end' && !controller.signal.aborted) {
              sentAtAbort = target!.received;
              controller.abort('SIGTERM');
            }
          },
        },
      ],
      signal: controller.signal,
    });
    expect(target.received).toBe(sentAtAbort);
    expect(run.requests).toBe(sentAtAbort);
    expect(run.interrupted).toBe(true);
    expect(run.interruption).toMatchObject({ signal: 'SIGTERM' });
    expect(run.verdict).toBe('fail');

    const first = run.results.filter((r) => r.operation === 'accountsGetAccounts');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => !/interrupted/.test(r.message))).toBe(true);
    const rest = run.results.filter((r) => r.operation !== 'accountsGetAccounts');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((r) => r.status === 'skipped')).toBe(true);
    const notRun = rest.filter((r) => r.message === 'skipped: the run was interrupted (SIGTERM) before this check ran');
    expect(notRun.length).toBe(run.interruption!.checksNotRun);
    const operations = new Set(run.coverage.map((c) => c.operation));
    expect(run.interruption!.operationsNotRun).toBe(operations.size - 1);
    expect(run.coverage.filter((c) => c.exercised).map((c) => c.operation)).toEqual(['accountsGetAccounts']);
  }, 60_000);

  it('aborted with a request in flight: it is cancelled, the run ends, and its checks are not judged', async () => {
    await target?.close();
    target = await startHeldTarget(new URL(fixture.url).origin, (pathname) => pathname === `${BASE_PATH}/accounts`);
    const controller = new AbortController();
    void target.whenHeld().then(() => controller.abort('SIGINT'));
    // A deadline far beyond the test's: only the abort can end the held request.
    const run = await runSuite({
      suites: [{ spec: SPEC, target: `${target.origin}${BASE_PATH}` }],
      token: TOKEN,
      timeoutMs: 600_000,
      signal: controller.signal,
    });
    expect(run.interrupted).toBe(true);
    expect(run.results.filter((r) => r.status === 'failed')).toEqual([]);
    const second = run.results.filter((r) => r.operation === 'accountsGetAccountsAccountId');
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((r) => r.status === 'skipped')).toBe(true);
    expect(second.some((r) => /interrupted \(SIGINT\)/.test(r.message))).toBe(true);
    expect(run.requests).toBe(target.received);
  }, 60_000);

  it('not aborted: no interruption in the results', async () => {
    const run = await runSuite({
      suites: [{ spec: SPEC, target: fixture.url }],
      token: TOKEN,
      only: ['valid-request'],
      signal: new AbortController().signal,
    });
    expect(run.interrupted).toBeUndefined();
    expect(run.interruption).toBeUndefined();
    expect(run.verdict).toBe('pass');
  });
});

describe('Limiter with an abort signal', () => {
  it('drops the waiting tasks, lets the running one finish, and keeps its slots right', async () => {
    const limiter = new Limiter(1);
    const controller = new AbortController();
    let release!: () => void;
    const running = limiter.run(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('ran');
        }),
      controller.signal,
    );
    let waitingStarted = false;
    const waiting = limiter.run(async () => {
      waitingStarted = true;
      return 'late';
    }, controller.signal);
    controller.abort('SIGINT');
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    release();
    expect(await running).toBe('ran');
    expect(waitingStarted).toBe(false);
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('refuses a task whose signal is already aborted', async () => {
    const limiter = new Limiter(2);
    let started = false;
    await expect(
      limiter.run(async () => {
        started = true;
      }, AbortSignal.abort('SIGINT')),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toBe(false);
  });
});
