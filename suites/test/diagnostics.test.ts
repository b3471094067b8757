/**
 * Diagnose the obvious: a target behind the wrong base path (every operation
 * 404) and a run without the right credentials (every operation 401) each get
 * one line naming the cause — the base path the spec expects; the kind of
 * credentials sent and what the spec's securitySchemes want, never a value —
 * at the top of the terminal summary, summary.md, junit.xml and results.json.
 * A correct run gets none.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import type { RunResults } from '../result-model.ts';

const TOKEN = 'diagnose-secret-token-42';
let dir: string;
let fixture: AccountsFixture;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-diagnose-'));
  fixture = await startAccountsFixture();
});
afterAll(async () => {
  await fixture?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(name: string, target: string, extra: string[]) {
  const reportDir = path.join(dir, name);
  const out = await runCli(['run', '--spec', 'ofb-accounts-2.4.1', '--target', target, ...extra, '--report-dir', reportDir], {
    env: { NO_COLOR: '1' },
  });
  const read = (file: string) => readFile(path.join(reportDir, file), 'utf8');
  return {
    ...out,
    json: JSON.parse(await read('results.json')) as RunResults,
    markdown: await read('summary.md'),
    junit: await read('junit.xml'),
  };
}

describe('diagnostics', { timeout: 60_000 }, () => {
  it('every operation 404: the base path is probably wrong, and the one the spec expects', async () => {
    const origin = new URL(fixture.url).origin;
    const out = await run('wrong-base', `${origin}/accounts/v2`, ['--token', TOKEN]);
    expect(out.code).toBe(1);
    const line =
      /ofb-accounts-2\.4\.1: every operation answered 404 — the base path is probably wrong: the spec serves under \/open-banking\/accounts\/v2/;
    expect(out.json.diagnostics).toHaveLength(1);
    expect(out.json.diagnostics?.[0]).toMatch(line);
    // The hint comes before the counts in the terminal and in summary.md.
    const stdout = out.stdout.split('\n');
    expect(stdout.findIndex((l) => line.test(l))).toBeLessThan(stdout.findIndex((l) => /^\d+ results:/.test(l)));
    expect(out.markdown.indexOf('**Hint:**')).toBeLessThan(out.markdown.indexOf('| Passed |'));
    expect(out.markdown).toMatch(/the base path is probably wrong/);
    expect(out.junit).toMatch(/<property name="hint" value="ofb-accounts-2\.4\.1: every operation answered 404/);
  });

  it('every operation 401: the kind of credentials sent and what the spec wants, no value', async () => {
    const out = await run('no-token', fixture.url, []);
    expect(out.json.diagnostics).toHaveLength(1);
    expect(out.json.diagnostics?.[0]).toMatch(
      /1 of 1 operations tried answered 401\/403 to the valid request — sent no credentials \(no --token was given\); the spec wants an OpenID Connect token \(OpenId\) or an OAuth 2\.0 bearer token \(OAuth2Security\)/,
    );
    expect(out.stdout).toMatch(/hint: ofb-accounts-2\.4\.1: 1 of 1 operations tried answered 401\/403/);
  });

  it('a token the target refuses is named by its kind only', async () => {
    const out = await run('refused-token', fixture.url, ['--token', LIMITED_TOKEN]);
    expect(out.json.diagnostics?.[0]).toMatch(
      /1 of 1 operations tried answered 401\/403 to the valid request — sent a bearer token \(Authorization: Bearer\); the spec wants/,
    );
    for (const text of [out.stdout, out.markdown, out.junit, JSON.stringify(out.json)]) expect(text).not.toContain(LIMITED_TOKEN);
  });

  it('a correct run gets no hint', async () => {
    const out = await run('correct', fixture.url, ['--token', TOKEN]);
    expect(out.code, out.stdout).toBe(0);
    expect(out.json.diagnostics).toBeUndefined();
    expect(out.stdout).not.toMatch(/hint:/);
    expect(out.markdown).not.toMatch(/Hint/);
  });
});
