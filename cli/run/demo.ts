/**
 * The demo: start the mock in-process on a free port with every bundled spec
 * and a receiver client registered, walk the receiver's journey for a consent
 * per ecosystem (client credentials → POST consents → PAR → auto-approval →
 * code exchange, the runner's `--auth` code), then run the consents suites and
 * every data suite — Open Finance and Open Insurance APIs with their
 * consent-bound token, the others with the demo's credentials (a full token
 * and one that holds no permission, per the mock's `aferir:` convention) — and
 * report. Ids no list can provide come from the mock's own data world.
 */
import { profileOf } from '../../families/index.ts';
import { startMock, type RunningMock } from '../../mocks/server/start.ts';
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import { paramsFromWorld } from '../../suites/plan/world-params.ts';
import { startDemoConsents, demoReceiver } from './demo-consent.ts';
import { executeRun, type ExecuteIo } from './execute.ts';

/** A token the mock treats as holding every permission; as `user:password` it also serves Belvo's basic auth. */
const DEMO_TOKEN = 'aferir-demo:demo-secret';
/** The mock's convention for a token that holds no permission at all. */
const DEMO_LIMITED_TOKEN = 'aferir:';

export interface DemoOptions {
  reportDir: string;
  formats: readonly string[];
  /** The clock for the suites' date windows. Default: now. */
  now?: Date;
  /** Aborting it stops the run and writes the reports for what ran, marked interrupted. Default: none. */
  signal?: AbortSignal;
}

/**
 * Every API the mock serves, with ids from its own world; APIs judged by a flow (consents, whose
 * requests need a consent made and approved first) are judged by the consents suites instead.
 */
export function demoSuites(mock: RunningMock): Array<{ spec: LoadedSpec; target: string; params: Record<string, string> }> {
  return mock.apis.flatMap((api) => {
    const spec = mock.specs.find((s) => s.id === api.id);
    if (!spec || profileOf(spec).judgedByFlow) return [];
    return [{ spec, target: api.url, params: paramsFromWorld(spec, mock.world()) }];
  });
}

export async function runDemo(io: ExecuteIo, options: DemoOptions): Promise<{ exitCode: number }> {
  // The client's RSA key is made on libuv's pool while the main thread loads the specs.
  const [receiver, loaded] = await Promise.all([demoReceiver(), loadCatalogue()]);
  // The mock's own notes (relaxed spec patterns, request lines) would bury the suite's progress: the report says what matters.
  // The authorization server runs as `aferir mock --consent auto` would: consents are approved at once, for CI.
  // The consents' clock is the demo's to move, so the consents suite can see a consent expire without waiting for it.
  let offsetMs = 0;
  const clock = { advance: (ms: number) => void (offsetMs += ms) };
  const mock = await startMock({
    loaded,
    port: 0,
    seed: 1,
    quiet: true,
    authorization: { consent: 'auto', clients: [receiver.metadata], consents: { now: () => Date.now() + offsetMs } },
    // Basic auth accepts the demo's pair only, as a sandbox accepts its own secret: a wrong password gets its 401.
    basicAuth: [DEMO_TOKEN],
  });
  try {
    io.stderr.write(`mock listening on ${mock.url} with ${mock.apis.length} APIs\n`);
    const suites = demoSuites(mock);
    const say = (line: string) => void io.stderr.write(`${line}\n`);
    const consents = await startDemoConsents(mock.authorization!.issuer, receiver, mock.specs, suites, {
      say,
      clock,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    try {
      const outcome = await executeRun(
        {
          suites: suites.map((suite, index) => {
            const token = consents.tokenOf(index);
            return token ? { ...suite, token } : suite;
          }),
          token: DEMO_TOKEN,
          tokenWithoutPermissions: DEMO_LIMITED_TOKEN,
          flows: consents.flows,
          liveSecrets: consents.live,
          now: options.now,
          seed: 1,
          signal: options.signal,
        },
        io,
        { dir: options.reportDir, formats: options.formats, secrets: [DEMO_TOKEN], live: consents.live },
      );
      return { exitCode: outcome.exitCode };
    } finally {
      await consents.close();
    }
  } finally {
    await mock.close();
  }
}

async function loadCatalogue(): Promise<LoadedSpec[]> {
  const specs: LoadedSpec[] = [];
  for (const entry of CATALOGUE) specs.push(await loadSpec(entry.id));
  return specs;
}
