/**
 * `npm run bench -- scrub`: what scrubbing secrets in every encoding costs a
 * 10,000-result run. Two runs, each a real Accounts run tiled to 10,000
 * results (every result keeps its real request, headers and body):
 *  - conformant bodies: against the accounts fixture;
 *  - hostile bodies: against the echoing target, whose every answer holds
 *    both tokens in ~20 encodings (the worst case: many hits, many escapes).
 * For each, medians of 3, interleaved: writeReports (four formats) given the
 * run's two tokens, against the same call given none (what is left: the
 * copy, the header and shape rules, the builders, the disk), so the
 * difference is the price of finding the tokens in every encoding; and the
 * engine's evidence for 10,000 exchanges, the same way.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeReports } from '../reports/write.ts';
import { runSuite } from '../suites/index.ts';
import { itemAt } from '../data/random.ts';
import type { Exchange } from '../suites/http/exchange.ts';
import { createRedactor } from '../suites/http/redact.ts';
import { summarise, verdictOf, type RunResults } from '../suites/result-model.ts';
import { createScrubber } from '../suites/secrets/scrub.ts';
import { startEchoingTarget } from '../fixtures/echoing-target.ts';
import { startAccountsFixture } from '../fixtures/ofb-accounts-fixture.ts';

const RESULTS = 10_000;
const RUNS = 3;
const TOKEN = 'bench-Zr8k/q+W~x.9-Ab3f=QmN4';
const LIMITED = 'bench-lim-Pq7/Vz+e.Hs_42~kYw';
const SECRETS = [TOKEN, LIMITED];

export default async function bench(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aferir-bench-scrub-'));
  try {
    for (const [name, start] of [
      ['conformant bodies', () => startAccountsFixture()],
      ['hostile bodies', () => startEchoingTarget(SECRETS)],
    ] as const) {
      const run = await tiledRun(RESULTS, start);
      const created = time(() => createScrubber(SECRETS));
      const written = { tokens: [] as number[], none: [] as number[] };
      const evidence = { tokens: [] as number[], none: [] as number[] };
      const exchanges = run.results.map(asExchange);
      let megabytes = 0;
      for (let i = 0; i < RUNS; i++) {
        for (const [which, secrets] of [
          ['tokens', SECRETS],
          ['none', []],
        ] as const) {
          const begin = performance.now();
          const files = await writeReports(run, path.join(dir, `${name.replace(/\W+/g, '-')}-${which}`), undefined, { secrets });
          written[which].push(performance.now() - begin);
          if (which === 'tokens')
            megabytes = (await Promise.all(files.map((file) => stat(file)))).reduce((sum, s) => sum + s.size, 0) / 1_048_576;
          const redactor = createRedactor(secrets);
          evidence[which].push(
            time(() =>
              exchanges.forEach((e) => {
                redactor.requestEvidence(e);
                redactor.responseEvidence(e);
              }),
            ),
          );
        }
      }
      const [withTokens, without] = [median(written.tokens), median(written.none)];
      const [evidenceWith, evidenceWithout] = [median(evidence.tokens), median(evidence.none)];
      console.log(`${name}: ${run.summary.total.toLocaleString('en-US')} results, four files ${megabytes.toFixed(1)} MB`);
      console.log(
        `  writeReports: ${withTokens.toFixed(0)} ms given both tokens, ${without.toFixed(0)} ms given none: ${(withTokens - without).toFixed(0)} ms (${percent(withTokens, without)}) for every encoding`,
      );
      console.log(
        `  engine evidence for ${exchanges.length.toLocaleString('en-US')} exchanges: ${evidenceWith.toFixed(0)} ms with both tokens, ${evidenceWithout.toFixed(0)} ms with none (${(((evidenceWith - evidenceWithout) / exchanges.length) * 1000).toFixed(1)} µs more per exchange); scrubber built in ${created.toFixed(1)} ms`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function tiledRun(count: number, start: () => Promise<{ url: string; close(): Promise<void> }>): Promise<RunResults> {
  const server = await start();
  let run: RunResults;
  try {
    run = await runSuite({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: server.url, params: { accountId: 'acc-0001' } }],
      token: TOKEN,
      tokenWithoutPermissions: LIMITED,
      seed: 1,
    });
  } finally {
    await server.close();
  }
  // Tiled from the raw run the engine scrubbed: put the tokens back in the bodies, so the writer has real work.
  const results = Array.from({ length: count }, (_, index) => {
    const source = itemAt(run.results, index % run.results.length);
    const body = source.response?.body?.replaceAll('[redacted]', index % 2 ? TOKEN : Buffer.from(`user:${LIMITED}`).toString('base64'));
    return { ...source, id: `${source.id}~${index}`, ...(source.response ? { response: { ...source.response, body } } : {}) };
  });
  const summary = summarise(results);
  return { ...run, results, summary, verdict: verdictOf(summary, run.failOn) };
}

function asExchange(result: RunResults['results'][number]): Exchange {
  return {
    key: 'valid',
    label: 'the valid request',
    operation: undefined as never,
    request: {
      method: result.request?.method ?? 'GET',
      url: result.request?.url ?? '',
      headers: { ...result.request?.headers, authorization: `Bearer ${TOKEN}` },
    },
    response: result.response
      ? {
          status: result.response.status,
          headers: result.response.headers ?? {},
          text: result.response.body ?? '',
          bytes: result.response.bodyBytes ?? 0,
          truncated: false,
          durationMs: 1,
        }
      : undefined,
    body: { kind: 'empty' },
  };
}

function time(work: () => unknown): number {
  const begin = performance.now();
  work();
  return performance.now() - begin;
}

function median(values: readonly number[]): number {
  return itemAt(
    [...values].sort((a, b) => a - b),
    Math.floor(values.length / 2),
  );
}

function percent(value: number, base: number): string {
  return `${value >= base ? '+' : ''}${(((value - base) / base) * 100).toFixed(0)}%`;
}
