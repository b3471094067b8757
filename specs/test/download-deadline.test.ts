/**
 * Downloading a spec has one overall deadline (--spec-timeout) covering the
 * file and every remote `$ref`: a server that trickles a byte at a time resets
 * every idle timer, and must still end in a one-sentence SpecError, exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../cli/test/run-cli.ts';
import { SpecError } from '../errors.ts';
import { loadSpec } from '../load.ts';
import { responseSchemaFor } from '../lookup.ts';
import { MAX_SPEC_BYTES } from '../read-source.ts';
import { minimalSpec } from './helpers.ts';
import { startSpecServer, trickle, type Route, type SpecServer } from './spec-servers.ts';

// Long enough to outlast any deadline in this file many times over: only the deadline can end it.
const SLOW_TEXT = stringify(minimalSpec({ type: 'string' })).padEnd(10_000, '#');

async function specError(promise: Promise<unknown>): Promise<SpecError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).exitCode).toBe(2);
  expect((error as SpecError).message.split('\n')).toHaveLength(1);
  return error as SpecError;
}

describe('the spec download deadline', () => {
  let server: SpecServer;
  beforeAll(async () => {
    server = await startSpecServer({
      '/trickle.yaml': trickle(SLOW_TEXT, 100),
      '/main.yaml': minimalSpec({ $ref: './slow-ref.yaml#/Thing' }),
      '/slow-ref.yaml': trickle(SLOW_TEXT, 100),
      '/huge-ref.yaml': minimalSpec({ $ref: './huge.yaml' }),
      '/huge.yaml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/yaml' });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent <= MAX_SPEC_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      },
    });
  });
  afterAll(() => server.close());

  it('ends a spec that trickles in, naming the URL and the deadline', { timeout: 10_000 }, async () => {
    const error = await specError(loadSpec(`${server.origin}/trickle.yaml`, { timeoutMs: 500 }));
    expect(error.code).toBe('spec-timeout');
    expect(error.message).toContain(`${server.origin}/trickle.yaml`);
    expect(error.message).toMatch(/within the 500 ms deadline.*--spec-timeout/);
  });

  it('covers the $refs the spec pulls in', { timeout: 10_000 }, async () => {
    // Long enough for main.yaml on a busy machine, so that only the trickling $ref can hit it.
    const error = await specError(loadSpec(`${server.origin}/main.yaml`, { timeoutMs: 2_000 }));
    expect(error.code).toBe('spec-timeout');
    expect(error.message).toContain(`${server.origin}/slow-ref.yaml`);
  });

  it('is shared by many $refs downloaded at once without a listener-leak warning', async () => {
    const properties: Record<string, object> = {};
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 30; i++) {
      properties[`p${i}`] = { $ref: `./p${i}.yaml` };
      routes[`/p${i}.yaml`] = (_req, res) =>
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/yaml' }).end('type: string\n'), 20);
    }
    routes['/many.yaml'] = minimalSpec({ type: 'object', properties });
    const many = await startSpecServer(routes);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const spec = await loadSpec(`${many.origin}/many.yaml`, { timeoutMs: 5_000 });
      expect(Object.keys(responseSchemaFor(spec, spec.operations[0]!, '200') as object)).toContain('properties');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await many.close();
    }
  });

  it('keeps the size cap for a $ref', async () => {
    const error = await specError(loadSpec(`${server.origin}/huge-ref.yaml`));
    expect(error.code).toBe('spec-too-large');
    expect(error.message).toContain(`${server.origin}/huge.yaml`);
  });

  it('is the --spec-timeout flag of specs lint, which exits 2; a bad value is a usage error', { timeout: 10_000 }, async () => {
    const run = await runCli(['specs', 'lint', `${server.origin}/trickle.yaml`, '--spec-timeout', '500']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/trickle\.yaml did not finish within the 500 ms deadline/);
    const bad = await runCli(['specs', 'lint', `${server.origin}/trickle.yaml`, '--spec-timeout', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--spec-timeout');
  });
});
