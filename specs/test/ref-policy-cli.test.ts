/**
 * The `$ref` policy as users meet it: `aferir mock` with a spec whose example
 * points at a local file exits 2 before serving anything, and every command
 * that takes --spec also takes --ref-root (and --spec-timeout) and passes them
 * to the loader.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../cli/test/run-cli.ts';
import { startMock } from '../../mocks/server/start.ts';
import { minimalSpec, objectAt } from './helpers.ts';
import { startSpecServer, type SpecServer } from './spec-servers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'hunter2-do-not-leak';

/** A spec whose 200 response has the example `leak`, a `$ref` to `ref`, and a schema any string fits. */
function specWithExample(ref: string): Record<string, unknown> {
  const spec = minimalSpec({ type: 'object', additionalProperties: true });
  objectAt(spec, '/paths/~1things/get/responses/200/content/application~1json').examples = { leak: { value: { $ref: ref } } };
  return spec;
}

/** root/secret/creds.yaml, root/shared/example.yaml and root/spec/api.yaml (written from `spec`). */
function layout(spec: object): { root: string; spec: string; shared: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'aferir-refs-cli-'));
  for (const dir of ['secret', 'shared', 'spec']) mkdirSync(path.join(root, dir));
  writeFileSync(path.join(root, 'secret/creds.yaml'), `password: ${SECRET}\n`);
  writeFileSync(path.join(root, 'shared/example.yaml'), 'greeting: from the shared folder\n');
  writeFileSync(path.join(root, 'spec/api.yaml'), stringify(spec));
  return { root, spec: path.join(root, 'spec/api.yaml'), shared: path.join(root, 'shared') };
}

/** Runs the real binary until it exits (or until `until` matches stdout, then SIGTERM). */
function aferir(
  args: string[],
  until?: (stdout: string) => Promise<void> | undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/aferir.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let acting = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk;
      const action = acting ? undefined : until?.(stdout);
      if (!action) return;
      acting = true;
      try {
        await action;
      } catch (error) {
        reject(error);
      } finally {
        child.kill('SIGTERM');
      }
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/base/v1`;
}

describe('aferir mock with a spec that reaches for local files', () => {
  let site: SpecServer;
  beforeAll(async () => {
    site = await startSpecServer({ '/api.yaml': specWithExample('file:///etc/passwd') });
  });
  afterAll(() => site.close());

  it('exits 2 with one sentence naming the spec, the place and the $ref, and serves nothing', async () => {
    const run = await aferir(['mock', '--port', '0', '--spec', `${site.origin}/api.yaml`], (stdout) =>
      stdout.includes('listening') ? Promise.resolve() : undefined,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${site.origin}/api.yaml`);
    expect(run.stderr).toContain('/examples/leak/value/$ref');
    expect(run.stderr).toContain('"file:///etc/passwd"');
    expect(run.stderr).not.toMatch(/root:|\n\s+at /);
  });

  it('a served example can no longer hold a file from outside the spec folder; one inside still is served', async () => {
    const outside = layout(specWithExample('../secret/creds.yaml'));
    const refused = await startMock({ port: 0, specs: [outside.spec] }).then(
      (mock) => mock,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'ref-refused', exitCode: 2 });
    expect(String((refused as Error).message)).not.toContain(SECRET);

    // The same example, with the folder it reads named by --ref-root: that is what the mock serves on Prefer.
    const named = layout(specWithExample('../shared/example.yaml'));
    const mock = await startMock({ port: 0, specs: [named.spec], specLoad: { refRoots: [named.shared] } });
    try {
      const answer = await fetch(`${mock.url}/base/v1/things`, { headers: { prefer: 'example=leak' } });
      expect(answer.headers.get('preference-applied')).toBe('example=leak');
      expect(await answer.json()).toEqual({ greeting: 'from the shared folder' });
    } finally {
      await mock.close();
    }
  });
});

describe('--ref-root on every command that takes --spec', () => {
  const spec = minimalSpec({ $ref: '../shared/thing.yaml#/Thing' });
  let files: ReturnType<typeof layout>;
  let body: string;
  beforeAll(() => {
    files = layout(spec);
    writeFileSync(
      path.join(files.shared, 'thing.yaml'),
      stringify({ Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^T\\d+$' } } } }),
    );
    body = path.join(files.root, 'body.json');
    writeFileSync(body, '{"id":"T42"}');
  });

  it('specs lint, data and validate refuse the sibling folder by default and read it when named', async () => {
    const commands = [
      ['specs', 'lint', files.spec],
      ['data', '--spec', files.spec, '--operation', 'getThings'],
      ['validate', '--spec', files.spec, '--operation', 'getThings', body],
    ];
    for (const argv of commands) {
      const refused = await runCli(argv);
      expect(refused.code, argv[0]).toBe(2);
      expect(refused.stderr, argv[0]).toMatch(/"\.\.\/shared\/thing\.yaml#\/Thing" .*outside the spec's folder/);
      const allowed = await runCli([...argv, '--ref-root', '../shared'], { cwd: path.join(files.root, 'spec') });
      expect(allowed.stderr, argv[0]).toBe('');
      expect(allowed.code, argv[0]).toBe(0);
    }
  });

  it('run passes it on (the spec loads, then the closed target is exit 3), also from --config', async () => {
    const target = await closedPortUrl();
    const refused = await runCli(['run', '--spec', files.spec, '--target', target, '--report-dir', path.join(files.root, 'reports')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/outside the spec's folder/);
    const allowed = await runCli([
      'run',
      '--spec',
      files.spec,
      '--target',
      target,
      '--report-dir',
      path.join(files.root, 'reports'),
      '--ref-root',
      files.shared,
      '--spec-timeout',
      '5000',
    ]);
    expect(allowed.code).toBe(3);
    const config = path.join(files.root, 'aferir.yaml');
    writeFileSync(
      config,
      stringify({ spec: 'spec/api.yaml', target, 'report-dir': 'reports', 'ref-root': ['shared'], 'spec-timeout': 5000 }),
    );
    expect((await runCli(['run', '--config', config])).code).toBe(3);
  });

  it('mock passes it on', async () => {
    let served: unknown;
    const run = await aferir(['mock', '--port', '0', '--spec', files.spec, '--ref-root', files.shared], (stdout) => {
      const base = /listening on (\S+)/.exec(stdout)?.[1];
      if (!base || !stdout.includes('/base/v1')) return undefined;
      return fetch(`${base}/base/v1/things`).then(async (answer) => {
        served = { status: answer.status, body: await answer.json() };
      });
    });
    expect(run.stderr).not.toMatch(/refused/);
    expect(run.code).toBe(0);
    expect(served).toMatchObject({ status: 200, body: { id: expect.stringMatching(/^T\d+$/) } });
  });

  it('a --ref-root that is not a folder, or a bad --spec-timeout, is a usage error naming the flag', async () => {
    const missing = await runCli(['specs', 'lint', files.spec, '--ref-root', path.join(files.root, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--ref-root .*nowhere/);
    const timeout = await runCli(['validate', '--spec', files.spec, '--operation', 'getThings', body, '--spec-timeout', '-5']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--spec-timeout');
  });
});
