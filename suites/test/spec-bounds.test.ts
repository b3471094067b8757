/**
 * The suite keeps to the spec's own rules (issue 11's misjudgements): the
 * paging walk asks for a page size inside the parameter's bounds (minimum 25:
 * never 10 or 20), the over-maximum probe asks for the schema's maximum + 1,
 * and unknown-id sends an id that matches the parameter's pattern but does not
 * exist. Against a strict, correct server every check passes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../result-model.ts';
import { BOUNDED_SPEC, startBoundedFixture } from './fixtures/bounded-fixture.ts';
import { describeFailures, runQuietly } from './helpers.ts';

let dir: string;
let fixture: Awaited<ReturnType<typeof startBoundedFixture>>;
let run: RunResults;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-bounds-'));
  const spec = path.join(dir, 'bounded.yaml');
  await writeFile(spec, BOUNDED_SPEC);
  fixture = await startBoundedFixture();
  run = await runQuietly({ suites: [{ spec, target: fixture.url }] });
});

afterAll(async () => {
  await fixture?.close();
  await rm(dir, { recursive: true, force: true });
});

const result = (check: string, operation: string) => run.results.find((r) => r.check === check && r.operation === operation);

describe('page sizes and ids inside the spec', () => {
  it('a strict, correct server passes every check, every operation covered', () => {
    expect(describeFailures(run)).toBe('');
    expect(run.verdict).toBe('pass');
    expect(run.coverageSummary).toMatchObject({ operations: 2, covered: 2 });
  });

  it('the walk asks for the minimum page size, not one below it', () => {
    const walk = result('paging-walk', 'listItems');
    expect(walk?.status).toBe('passed');
    expect(walk?.message).toMatch(/60 items on 3 pages \(page size 25\)/);
  });

  it('the over-maximum probe asks for the schema maximum + 1', () => {
    const over = result('page-size-over-max', 'listItems');
    expect(over?.status).toBe('passed');
    expect(over?.request?.url).toMatch(/page-size=201\b/);
    expect(result('page-size-max-accepted', 'listItems')?.request?.url).toMatch(/page-size=200\b/);
  });

  it('unknown-id sends an id that matches the pattern and does not exist', () => {
    const unknown = result('unknown-id', 'getItem');
    expect(unknown?.status).toBe('passed');
    const sent = decodeURIComponent(new URL(unknown!.request!.url).pathname.split('/').pop()!);
    expect(sent).toMatch(/^ITM-[0-9]{6}$/);
    expect(unknown?.response?.status).toBe(404);
  });
});
