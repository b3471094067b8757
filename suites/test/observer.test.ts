/**
 * runSuite's observers: every hook in the run's order, and an observer that
 * throws is a warning to the others while the run goes on.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent, RunObserver } from '../engine/observer.ts';
import { startTinyServer } from './fixtures/tiny-server.ts';
import { runQuietly } from './helpers.ts';

const TINY = fileURLToPath(new URL('./fixtures/tiny-spec.yaml', import.meta.url));

describe('run observers', () => {
  let server: Awaited<ReturnType<typeof startTinyServer>>;
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(() => server.close());

  it('see the start, the progress, every result and the end, in that order', async () => {
    const seen: string[] = [];
    const watcher: RunObserver = {
      onRunStart: (info) => void seen.push(`start ${info.specs.map((s) => s.id).join()}`),
      onProgress: (event) => void seen.push(event.type),
      onResult: () => void seen.push('result'),
      onRunEnd: (run) => void seen.push(`end ${run.summary.total}`),
    };
    const run = await runQuietly({ suites: [{ spec: TINY, target: server.url }], params: { itemId: 'ab123' }, observers: [watcher] });
    expect(seen[0]).toBe('start tiny-spec');
    expect(seen.at(-1)).toBe(`end ${run.summary.total}`);
    expect(seen.filter((entry) => entry === 'result')).toHaveLength(run.results.length);
    expect(seen.indexOf('spec-start')).toBeLessThan(seen.indexOf('result'));
    expect(seen.lastIndexOf('result')).toBeLessThan(seen.lastIndexOf('operation-end'));
  });

  it('report one that throws to the others as a warning, and the run goes on', async () => {
    const warnings: string[] = [];
    const broken: RunObserver = {
      name: 'broken',
      onResult: () => {
        throw new Error('disk full');
      },
      onProgress: () => {
        throw new Error('no terminal');
      },
    };
    const listening: RunObserver = {
      onProgress: (event: ProgressEvent) => {
        if (event.type === 'warning') warnings.push(event.message);
      },
    };
    const run = await runQuietly({
      suites: [{ spec: TINY, target: server.url }],
      params: { itemId: 'ab123' },
      observers: [broken, listening],
    });
    expect(run.summary.total).toBeGreaterThan(0);
    expect(run.verdict).toBe('pass');
    expect(new Set(warnings)).toEqual(new Set(["Observer 'broken' failed in onResult: disk full"]));
    expect(warnings).toHaveLength(run.results.length);
  });
});
