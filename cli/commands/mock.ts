/** `aferir mock`: the spec-driven mock transmitter. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../context.ts';
import { withSpecLoadFlags } from '../spec-load-flags.ts';

export function mockCommand(context: CommandContext): CommandModule {
  return {
    command: 'mock',
    describe: 'Start the mock transmitter for one or more specs',
    builder: (y) =>
      withSpecLoadFlags(y)
        .option('spec', { type: 'string', array: true, description: 'Catalogue id, file or URL (repeatable; default: every bundled spec)' })
        .option('port', { type: 'number', default: 4010, description: 'Port to listen on (0 picks a free one)' })
        .option('host', { type: 'string', default: '127.0.0.1', description: 'Interface to bind' })
        .option('seed', { type: 'string', default: '1', description: 'Same seed, same data' })
        .option('now', { type: 'string', description: 'Pin the clock (ISO-8601): dates, "last 7 days", requestDateTime' })
        .option('latency', { type: 'string', description: 'Delay every answer: milliseconds (200) or a range (100-400)' })
        .option('fault-rate', { type: 'string', description: 'Share of requests (0..1) answered with a random 500/503/504/529' })
        .option('rate-limit', { type: 'string', description: 'Requests per second before answering 429 (e.g. 50 or 50/s)' })
        .option('max-body', { type: 'number', default: 1024 * 1024, description: 'Largest request body in bytes; larger ones get 413' })
        .option('max-connections', {
          type: 'string',
          description:
            'Most connections open at once; at the cap the longest-idle one makes room, 503 only when all are busy (default 512, or half of ulimit -n if lower)',
        })
        .option('world', {
          type: 'string',
          default: 'small',
          description:
            'How big the data world is: small, or large (250 records per list of a spec without a domain model, 2,000 entries per account)',
        })
        .option('quiet', { type: 'boolean', default: false, description: 'No line per request on stderr (warnings still shown)' })
        .option('consent', {
          type: 'string',
          default: 'page',
          description: 'How authorize gets approval: auto (at once, for CI) or page (sign in with the CPF, choose accounts)',
        })
        .option('client', {
          type: 'string',
          array: true,
          description: 'A statically registered client: JSON file of client metadata (repeatable; open DCR is always on)',
        })
        .option('state', {
          type: 'string',
          description: 'redis://host:port[/db]: share consents, codes and tokens between mocks (default: in memory)',
        })
        .option('tls-cert', { type: 'string', description: 'Serve HTTPS with this PEM certificate (with --tls-key)' })
        .option('tls-key', { type: 'string', description: 'PEM private key of --tls-cert' })
        .option('client-ca', {
          type: 'string',
          description: 'PEM CA of client certificates: serve mutual TLS (tls_client_auth, certificate-bound tokens)',
        })
        .option('basic-auth', {
          type: 'string',
          array: true,
          description: 'Accept only this id:password for HTTP basic auth (repeatable; default: any pair); aferir:<permissions> still works',
        })
        .option('public-url', {
          type: 'string',
          description: 'The origin clients reach the mock by (issuer and links); default: the listening address',
        }),
    handler: async (argv) => {
      // Loaded on demand: `aferir --help` must not pay for the loader, ajv and the data engine.
      const options = await import('../../mocks/server/options.ts');
      const { startMock } = await import('../../mocks/server/start.ts');
      const { specLoadOptionsFrom } = await import('../../specs/load-options.ts');
      (await import('../../mocks/server/heap-settings.ts')).applyMockHeapSettings();
      const authorization = await authorizationFlags(argv, context.cwd);
      const log = bufferedLines(context.stderr);
      const mock = await startMock({
        specs: argv.spec as string[] | undefined,
        specLoad: specLoadOptionsFrom(argv, context.cwd),
        port: options.parsePort(argv.port),
        host: argv.host as string,
        seed: argv.seed as string,
        now: argv.now === undefined ? undefined : options.parseNow(argv.now as string),
        world: options.parseWorld(String(argv.world)),
        latency: argv.latency === undefined ? undefined : options.parseLatency(argv.latency as string),
        faultRate: argv['fault-rate'] === undefined ? undefined : options.parseFaultRate(argv['fault-rate'] as string),
        rateLimit: argv['rate-limit'] === undefined ? undefined : options.parseRateLimit(argv['rate-limit'] as string),
        maxBodyBytes: options.parseMaxBody(argv['max-body']),
        maxConnections: argv['max-connections'] === undefined ? undefined : options.parseMaxConnections(argv['max-connections']),
        quiet: argv.quiet as boolean,
        basicAuth: argv['basic-auth'] === undefined ? undefined : options.parseBasicAuth((argv['basic-auth'] as unknown[]).map(String)),
        log,
        ...authorization,
      });
      writeLine(context.stdout, `listening on ${mock.url}`);
      if (mock.authorization) writeLine(context.stdout, `authorization ${mock.authorization.issuer}`);
      for (const api of mock.apis) writeLine(context.stdout, `${api.id} ${api.url}`);
      await untilStopped(context.signal);
      await mock.close();
    },
  };
}

/** `--consent`, `--client`, `--state`, `--tls-*`, `--public-url`, each checked before anything starts (a bad one is exit 2 naming it). */
async function authorizationFlags(argv: Record<string, unknown>, cwd: string) {
  const { UsageError } = await import('../../specs/errors.ts');
  const wiring = await import('../../mocks/server/authorization-wiring.ts');
  const { parseStateUrl } = await import('../../mocks/state/open-store.ts');
  const { readClientFile } = await import('../../mocks/authorization/clients.ts');
  const consent = String(argv.consent);
  if (consent !== 'auto' && consent !== 'page') throw new UsageError(`--consent '${consent}' is not auto or page.`);
  const resolve = (file: unknown) => (file === undefined ? undefined : path.resolve(cwd, String(file)));
  const clients = [];
  for (const file of (argv.client as string[] | undefined) ?? []) clients.push(...(await readClientFile(resolve(file)!)));
  return {
    authorization: {
      consent: consent as 'auto' | 'page',
      clients,
      state: argv.state === undefined ? undefined : parseStateUrl(String(argv.state)),
      publicUrl: argv['public-url'] === undefined ? undefined : wiring.parsePublicUrl(String(argv['public-url'])),
    },
    tls: wiring.readTlsFiles({ cert: resolve(argv['tls-cert']), key: resolve(argv['tls-key']), clientCa: resolve(argv['client-ca']) }),
  };
}

/** Resolves on SIGINT/SIGTERM (the CLI's abort signal), or on the process signals when none is given. */
function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Request lines gathered and written once per event-loop turn: one write per burst, not per request. */
function bufferedLines(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = [];
  return (line) => {
    if (pending.length === 0) {
      setImmediate(() => {
        const text = pending.join('');
        pending = [];
        stream.write(text);
      });
    }
    pending.push(`${line}\n`);
  };
}
