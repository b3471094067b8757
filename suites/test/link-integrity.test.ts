/**
 * Link integrity (issues 11 and 13): every paging link is an absolute URL on
 * the target's own scheme, origin and base path. A `next` on another host, a
 * link that downgrades https to http and a `next` that is only a path each
 * fail `paging-links` on the account list, and nothing else (the bare path
 * also breaks the spec's `format: url`, so response-schema too); the same server
 * without the defect passes, over plain HTTP and over TLS.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsDefect } from '../../fixtures/ofb-accounts-fixture.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const tls = (name: string) => fileURLToPath(new URL(`./fixtures/tls/${name}`, import.meta.url));
const SERVER_TLS = { key: readFileSync(tls('server.key')), cert: readFileSync(tls('server.crt')) };
const NOW = new Date('2026-05-10T12:00:00Z');

async function runAgainst(defect: AccountsDefect | undefined, overTls: boolean): Promise<RunResults> {
  const fixture = await startAccountsFixture({ defect, now: () => NOW, ...(overTls ? { tls: SERVER_TLS } : {}) });
  try {
    return await runQuietly({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }],
      token: 'full-token-1234',
      tokenWithoutPermissions: LIMITED_TOKEN,
      now: NOW,
      ...(overTls ? { caFile: tls('ca.crt') } : {}),
    });
  } finally {
    await fixture.close();
  }
}

function linkFindings(run: RunResults): Array<{ path?: string; rule?: string; message: string }> {
  return run.results
    .filter((r) => r.status === 'failed')
    .flatMap((r) => r.findings ?? [])
    .map(({ path, rule, message }) => ({ path, rule, message }));
}

describe('paging links stay on the target', () => {
  it.each([false, true])('a clean server passes (TLS: %s)', async (overTls) => {
    const run = await runAgainst(undefined, overTls);
    expect(describeFailures(run)).toBe('');
    expect(run.results.find((r) => r.check === 'paging-links' && r.operation === 'accountsGetAccounts')?.status).toBe('passed');
  });

  it('a next link on another origin fails paging-links, and nothing else', async () => {
    const run = await runAgainst('next-other-origin', false);
    expect(failedPairs(run), describeFailures(run)).toEqual(['paging-links @ accountsGetAccounts']);
    const findings = linkFindings(run);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding).toMatchObject({ path: '$.links.next', rule: 'same origin as the target' });
      expect(finding.message).toMatch(/leaves the target's origin http:\/\/127\.0\.0\.1:\d+ for http:\/\/transmitter\.example/);
    }
  });

  it('links that downgrade https to http fail paging-links, and nothing else', async () => {
    const run = await runAgainst('links-downgrade-http', true);
    expect(failedPairs(run), describeFailures(run)).toEqual(['paging-links @ accountsGetAccounts']);
    const findings = linkFindings(run);
    expect(findings.some((f) => f.path === '$.links.self')).toBe(true);
    for (const finding of findings) {
      expect(finding.rule).toBe('same scheme as the target');
      expect(finding.message).toMatch(/downgrades https to http/);
    }
  });

  it('a next link that is not an absolute URL fails paging-links (and the schema, whose format it breaks); the walk does not resolve it', async () => {
    const run = await runAgainst('next-not-url', false);
    // Open Finance declares links as `format: url`: the schema check rightly fails the same field.
    expect(failedPairs(run), describeFailures(run)).toEqual([
      'paging-links @ accountsGetAccounts',
      'response-schema @ accountsGetAccounts',
    ]);
    for (const finding of linkFindings(run)) expect(finding).toMatchObject({ path: '$.links.next' });
    const links = run.results.find((r) => r.check === 'paging-links' && r.operation === 'accountsGetAccounts');
    expect(links?.findings?.every((f) => f.rule === 'absolute URL')).toBe(true);
    const walk = run.results.find((r) => r.check === 'paging-walk' && r.operation === 'accountsGetAccounts');
    expect(walk?.status).toBe('skipped');
    expect(walk?.message).toMatch(/next link is not an absolute URL/);
  });
});
