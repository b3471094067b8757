import { describe, expect, it } from 'vitest';
import { parseReportFormats } from '../formats.ts';
import { ObserverError, multiplexObservers, type RunObserver } from '../../suites/engine/observer.ts';
import { accountsRun } from '../../fixtures/runs.ts';

describe('multiplexObservers (the file reporter is a run observer)', () => {
  it('calls every hook of every reporter in order, awaiting async ones', async () => {
    const calls: string[] = [];
    const slow: RunObserver = {
      name: 'slow',
      async onRunStart() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        calls.push('slow:start');
      },
      onResult: (result) => {
        calls.push(`slow:${result.id}`);
      },
    };
    const quick: RunObserver = {
      name: 'quick',
      onRunStart: () => {
        calls.push('quick:start');
      },
      onRunEnd: (run) => {
        calls.push(`quick:end:${run.summary.total}`);
      },
    };
    const run = accountsRun();
    const multiplexer = multiplexObservers([slow, quick]);
    await multiplexer.onRunStart({ tool: run.tool, target: run.target, spec: run.spec, specs: run.specs, startedAt: run.startedAt });
    await multiplexer.onResult(run.results[0]!);
    await multiplexer.onRunEnd(run);
    expect(calls).toEqual(['slow:start', 'quick:start', 'slow:response-schema@accountsGetAccounts', 'quick:end:7']);
    expect(multiplexer.errors).toEqual([]);
  });

  it('reports a reporter that throws or rejects, and still runs the others', async () => {
    const reached: string[] = [];
    const seen: ObserverError[] = [];
    const multiplexer = multiplexObservers(
      [
        {
          name: 'junit',
          onRunEnd: () => {
            throw new Error('disk full');
          },
        },
        {
          onRunEnd: async () => {
            throw 'not an Error';
          },
        },
        {
          name: 'html',
          onRunEnd: () => {
            reached.push('html');
          },
        },
      ],
      { onError: (error) => seen.push(error) },
    );
    await expect(multiplexer.onRunEnd(accountsRun())).resolves.toBeUndefined();
    expect(reached).toEqual(['html']);
    expect(multiplexer.errors.map((error) => error.message)).toEqual([
      "Observer 'junit' failed in onRunEnd: disk full",
      "Observer 'observer #2' failed in onRunEnd: not an Error",
    ]);
    expect(seen).toEqual(multiplexer.errors);
    expect(seen[0]).toBeInstanceOf(ObserverError);
    expect(seen[0]?.code).toBe('observer-failed');
    expect((seen[0]?.cause as Error).message).toBe('disk full');
  });
});

describe('parseReportFormats', () => {
  it('reads a comma list or a repeated flag, without duplicates', () => {
    expect(parseReportFormats('junit, html')).toEqual(['junit', 'html']);
    expect(parseReportFormats(['md', 'json,md'])).toEqual(['md', 'json']);
    expect(parseReportFormats('')).toEqual(['html', 'junit', 'json', 'md']);
  });

  it('names the unknown format and the valid ones', () => {
    expect(() => parseReportFormats('html,pdf')).toThrow("Unknown report format 'pdf' in --format; use any of html, junit, json, md.");
  });
});
