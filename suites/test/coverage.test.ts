/**
 * No empty verdicts: a run passes only when checks that could fail exercised
 * every operation (or the share `--min-coverage` asks), unless `--allow-skips`
 * says otherwise; exit 1 names each operation not covered and why. Run through
 * the CLI in-process against the mock (originator without --param) and a
 * small server behind a spec whose ids no list returns.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import { paramsFromWorld } from '../plan/world-params.ts';
import type { RunResults } from '../result-model.ts';

const ORIGINATOR = 'originator-applications-1.0.0';

/** Two operations: `/status` anyone can call, `/widgets/{widgetId}` whose id no list returns. */
const UNREACHABLE_SPEC = `
openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /status:
    get:
      operationId: getStatus
      responses:
        '200':
          description: up
          content:
            application/json:
              schema: { type: object, properties: { up: { type: boolean } } }
  /widgets/{widgetId}:
    get:
      operationId: getWidget
      parameters:
        - { name: widgetId, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: a widget
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
        '404': { description: unknown }
`;

let dir: string;
let mock: RunningMock;
let server: Server;
let serverUrl: string;
let specFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-coverage-'));
  specFile = path.join(dir, 'widgets.yaml');
  await writeFile(specFile, UNREACHABLE_SPEC);
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [ORIGINATOR], quiet: true });
  server = createServer((req, res) => {
    const status = req.url?.startsWith('/status') ? 200 : 404;
    res.writeHead(status, { 'content-type': 'application/json', date: new Date().toUTCString() });
    res.end(status === 200 ? '{"up":true}' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await mock?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function run(name: string, args: string[]) {
  const reportDir = path.join(dir, name);
  const result = await runCli(['run', ...args, '--report-dir', reportDir], { env: { NO_COLOR: '1' } });
  const json = JSON.parse(await readFile(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
  return { ...result, json, reportDir };
}

describe('no empty verdicts', { timeout: 60_000 }, () => {
  it('the originator suite without --param exits 1, naming the operation and the --param it needs', async () => {
    const out = await run('originator', ['--spec', ORIGINATOR, '--target', mock.url, '--token', 'tok-123456']);
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.json.summary.failed).toBe(0);
    expect(out.json.verdict).toBe('fail');
    expect(out.stdout).toMatch(/0 of 1 operation covered \(0%\): below the 100% required/);
    expect(out.stdout).toMatch(/getApplication: .*--param application_id=/);
    expect(out.json.coverageSummary).toMatchObject({ operations: 1, covered: 0, ratio: 0, required: 1 });
    expect(out.json.coverageSummary?.notCovered[0]?.reason).toMatch(/--param application_id/);
    const markdown = await readFile(path.join(out.reportDir, 'summary.md'), 'utf8');
    expect(markdown).toMatch(/FAIL/);
    expect(markdown).toMatch(/\*\*Coverage:\*\* 0 of 1 operation covered/);
    const junit = await readFile(path.join(out.reportDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites [^>]*failures="1"/);
    expect(junit).toMatch(/<failure message="0 of 1 operation covered/);
  });

  it('with --allow-skips the same run passes, and still says how much was covered', async () => {
    const out = await run('originator-allowed', ['--spec', ORIGINATOR, '--target', mock.url, '--token', 'tok-123456', '--allow-skips']);
    expect(out.code, out.stdout).toBe(0);
    expect(out.stdout).toMatch(/Coverage: 0 of 1 operation covered \(0%\); 0% required/);
    expect(out.stdout).toMatch(/PASS/);
    expect(out.json.coverageSummary).toMatchObject({ covered: 0, required: 0 });
  });

  it('with the id given, the originator operation is covered and the run passes', async () => {
    const params = paramsFromWorld(mock.specs[0]!, mock.world());
    expect(params.application_id).toBeDefined();
    const listed = await run('originator-param', [
      '--spec',
      ORIGINATOR,
      '--target',
      mock.url,
      '--token',
      'tok-123456',
      '--param',
      `application_id=${params.application_id}`,
    ]);
    expect(listed.json.coverageSummary).toMatchObject({ operations: 1, covered: 1, ratio: 1 });
    expect(listed.code, listed.stdout).toBe(0);
  });

  it('a spec whose operations cannot be reached exits 1 with the reason; --allow-skips and --min-coverage 0.5 pass it', async () => {
    const strict = await run('widgets', ['--spec', specFile, '--target', serverUrl]);
    expect(strict.code, strict.stdout).toBe(1);
    expect(strict.json.summary.failed).toBe(0);
    expect(strict.json.coverageSummary).toMatchObject({ operations: 2, covered: 1, ratio: 0.5 });
    expect(strict.stdout).toMatch(/getWidget: cannot build a valid request .*--param widgetId=/);
    expect(strict.stdout).not.toMatch(/getStatus:/);

    const allowed = await run('widgets-allowed', ['--spec', specFile, '--target', serverUrl, '--allow-skips']);
    expect(allowed.code, allowed.stdout).toBe(0);
    const half = await run('widgets-half', ['--spec', specFile, '--target', serverUrl, '--min-coverage', '0.5']);
    expect(half.code, half.stdout).toBe(0);
    const most = await run('widgets-most', ['--spec', specFile, '--target', serverUrl, '--min-coverage', '0.8']);
    expect(most.code, most.stdout).toBe(1);
  });

  it('--min-coverage outside 0..1 is a usage error naming the flag', async () => {
    const out = await runCli(['run', '--spec', specFile, '--target', serverUrl, '--min-coverage', '80'], { env: {} });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--min-coverage must be a fraction between 0 and 1/);
  });
});
