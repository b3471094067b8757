import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILE_NAMES } from '../formats.ts';
import { ReportDirError } from '../report-dir.ts';
import { ReportWriteError, createFileReporter, writeReports } from '../write.ts';
import { TARGET, TOKEN, accountsResults, makeResult, makeRun } from '../../fixtures/runs.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aferir-reports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A run where a careless engine left the token everywhere a target could echo it. */
function leakyRun() {
  const leak = makeResult({
    id: 'leak',
    check: 'response-schema',
    operation: 'accountsGetAccounts',
    status: 'failed',
    message: `401 for token ${TOKEN}`,
    findings: [{ message: `token ${TOKEN} rejected`, path: '$.errors[0].detail', expected: TOKEN, actual: { token: TOKEN } }],
    request: {
      method: 'GET',
      url: `${TARGET}/accounts?access_token=${TOKEN}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'x-echo': TOKEN, cookie: 'JSESSIONID=abc123' },
    },
    response: {
      status: 401,
      headers: { 'set-cookie': 'JSESSIONID=def456; HttpOnly', 'www-authenticate': `Bearer error="invalid_token" ${TOKEN}` },
      body: JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', title: 'Token', detail: `got ${TOKEN}` }] }),
    },
  });
  return makeRun([...accountsResults(), leak]);
}

describe('writeReports', () => {
  it('creates the directory and writes the four files, returning their paths', async () => {
    const target = path.join(dir, 'nested', 'latest');
    const files = await writeReports(makeRun(accountsResults()), target, ['md', 'html', 'json', 'junit']);
    expect(files).toEqual(['index.html', 'junit.xml', 'results.json', 'summary.md'].map((name) => path.join(target, name)));
    expect(JSON.parse(await readFile(path.join(target, 'results.json'), 'utf8')).summary.total).toBe(7);
    expect(await readFile(path.join(target, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('writes only the formats asked for', async () => {
    const target = path.join(dir, 'only-junit');
    expect(await writeReports(makeRun(accountsResults()), target, ['junit'])).toEqual([path.join(target, 'junit.xml')]);
  });

  it('never writes a given secret, a credential header or a cookie into any file', async () => {
    const target = path.join(dir, 'secrets');
    const files = await writeReports(leakyRun(), target, ['html', 'junit', 'json', 'md'], { secrets: [TOKEN] });
    expect(files).toHaveLength(4);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(TOKEN);
      expect(text, file).not.toContain(TOKEN.slice(0, 20));
      expect(text, file).not.toContain('JSESSIONID');
    }
    const results = JSON.parse(await readFile(path.join(target, REPORT_FILE_NAMES.json), 'utf8'));
    expect(results.results.at(-1).request.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-echo': '[redacted]',
    });
  });

  it('names the file it could not write', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const error = await writeReports(makeRun([]), path.join(blocker, 'reports'), ['json']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportWriteError);
    expect((error as ReportWriteError).code).toBe('report-write-failed');
    expect((error as ReportWriteError).exitCode).toBe(2);
    expect((error as Error).message).toContain(path.join(blocker, 'reports'));
  });
});

describe('writeReports replaces the old report as a whole', () => {
  async function oldReport(name: string): Promise<string> {
    const target = path.join(dir, name);
    await mkdir(target, { recursive: true });
    for (const file of Object.values(REPORT_FILE_NAMES)) await writeFile(path.join(target, file), 'old');
    return target;
  }

  it('a builder that throws leaves every old file as it was, and no temporary folder behind', async () => {
    const target = await oldReport('builder-throws');
    const run = makeRun(accountsResults());
    // Only the Markdown builder (the last one written) puts the spec's title into a template string.
    run.specs = [{ ...run.specs[0]!, title: Symbol('not text') as unknown as string }];
    await expect(writeReports(run, target)).rejects.toThrow();
    for (const file of Object.values(REPORT_FILE_NAMES)) expect(await readFile(path.join(target, file), 'utf8'), file).toBe('old');
    expect((await readdir(target)).sort()).toEqual(Object.values(REPORT_FILE_NAMES).sort());
  });

  it('replaces a symlink where a report goes instead of writing through it', async () => {
    const target = await oldReport('links');
    const outside = path.join(dir, 'outside-results.json');
    await writeFile(outside, 'keep me');
    await rm(path.join(target, 'results.json'));
    await symlink(outside, path.join(target, 'results.json'));
    await writeFile(path.join(target, 'README.txt'), 'not ours');
    await writeReports(makeRun(accountsResults()), target, ['json']);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
    expect((await lstat(path.join(target, 'results.json'))).isSymbolicLink()).toBe(false);
    expect(JSON.parse(await readFile(path.join(target, 'results.json'), 'utf8')).summary.total).toBe(7);
    expect(await readFile(path.join(target, 'README.txt'), 'utf8')).toBe('not ours');
  });

  it('refuses the root of the filesystem', async () => {
    const error = await writeReports(makeRun([]), path.parse(dir).root, ['json']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportDirError);
    expect((error as ReportDirError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/root of the filesystem/);
  });
});

describe('createFileReporter', () => {
  it('writes the reports when the run ends and says where', async () => {
    const target = path.join(dir, 'reporter');
    let written: string[] = [];
    const reporter = createFileReporter(target, ['md'], {
      secrets: [TOKEN],
      onWritten: (files) => {
        written = files;
      },
    });
    await reporter.onRunEnd?.(leakyRun());
    expect(written).toEqual([path.join(target, 'summary.md')]);
    expect(await readFile(written[0]!, 'utf8')).not.toContain(TOKEN);
  });
});
