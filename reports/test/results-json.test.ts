import { describe, expect, it } from 'vitest';
import type { RunResults } from '../../suites/result-model.ts';
import { buildResultsJson } from '../results-json.ts';
import { accountsRun } from '../../fixtures/runs.ts';

/** The same run with every object's keys in reverse order, as another engine build might produce them. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversed(item)]),
  ) as T;
}

describe('buildResultsJson', () => {
  it('is the run, pretty-printed, ending with a newline', () => {
    const run = accountsRun();
    const text = buildResultsJson(run);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(run)));
    expect(text).toMatch(/^\{\n {2}"tool": \{\n {4}"name": "aferir",/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes the same bytes whatever order the engine built the objects in', () => {
    const run = accountsRun();
    expect(buildResultsJson(reversed(run))).toBe(buildResultsJson(run));
  });

  it('follows the result model: run fields in declaration order, then anything extra, sorted', () => {
    const run = { ...accountsRun(), zExtra: 1, aExtra: 2 } as RunResults;
    const keys = Object.keys(JSON.parse(buildResultsJson(run)));
    expect(keys).toEqual([
      'tool',
      'target',
      'spec',
      'specs',
      'startedAt',
      'finishedAt',
      'durationMs',
      'failOn',
      'verdict',
      'summary',
      'checks',
      'coverage',
      'results',
      'aExtra',
      'zExtra',
    ]);
    const result = JSON.parse(buildResultsJson(run)).results[0];
    expect(Object.keys(result)).toEqual([
      'id',
      'check',
      'spec',
      'operation',
      'status',
      'severity',
      'message',
      'findings',
      'request',
      'response',
      'durationMs',
    ]);
    expect(Object.keys(result.response.headers)).toEqual(['content-type', 'date', 'x-fapi-interaction-id']);
  });

  it('keeps a target-supplied __proto__ key as data', () => {
    const run = accountsRun();
    run.results[0]!.findings![0]!.actual = JSON.parse('{"__proto__": {"polluted": true}, "b": 1}');
    const text = buildResultsJson(run);
    expect(text).toContain('"__proto__": {');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
