/**
 * The demo's receiver: a client with a freshly generated PS256 key,
 * registered statically with the demo's mock, and one `--auth` session per
 * ecosystem the demo tests (Open Finance's data APIs under `/open-banking`,
 * Open Insurance's under `/open-insurance`), each through that ecosystem's
 * consents API, asking for every permission its data APIs need. The journey
 * is the runner's own (startAuthSession); nothing here talks OAuth.
 */
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { profileOf } from '../../families/index.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { AuthOptions } from '../../suites/auth/auth-options.ts';
import { consentPermissionsFor } from '../../suites/auth/consent-permissions.ts';
import { operationOf, SHAPES } from '../../suites/auth/consent-schema.ts';
import type { InstitutionClock } from '../../suites/auth/expiry-probe.ts';
import type { FlowSuite } from '../../suites/engine/flow-suite.ts';
import { LiveSecrets } from '../../suites/secrets/live-secrets.ts';
import { startAuthSession, type AuthSession } from './auth-session.ts';

const CLIENT_ID = 'aferir-demo-receiver';
/** Never visited: the mock's `--consent auto` redirects here with the code, and the flow reads it from the Location header. */
const REDIRECT_URI = 'https://receiver.example/callback';
/** The world has one customer; any valid CPF signs in as that customer. */
const DEMO_CPF = '52998224725';
const CONSENT_DAYS = 90;

export interface DemoReceiver {
  /** For the mock's `authorization.clients`. */
  metadata: ClientMetadata;
  auth(issuer: string, permissions: string[]): AuthOptions;
}

export async function demoReceiver(): Promise<DemoReceiver> {
  const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true });
  const kid = `${CLIENT_ID}-key`;
  const pem = await exportPKCS8(privateKey);
  const jwk = { ...(await exportJWK(publicKey)), alg: 'PS256', use: 'sig', kid };
  return {
    metadata: { client_id: CLIENT_ID, jwks: { keys: [jwk] }, redirect_uris: [REDIRECT_URI] },
    auth: (issuer, permissions) => ({
      issuer,
      clientId: CLIENT_ID,
      privateKey: pem,
      keyId: kid,
      mtls: {},
      insecure: false,
      redirectUri: REDIRECT_URI,
      consent: { cpf: DEMO_CPF, permissions, expiresInDays: CONSENT_DAYS },
      approval: { mode: 'auto', steps: [], timeoutMs: 60_000 },
    }),
  };
}

interface DemoSuite {
  spec: LoadedSpec;
  target: string;
}

export interface DemoConsents {
  /** The consent-bound token of each suite's ecosystem, by suite index; absent for suites with credentials of their own. */
  tokenOf(index: number): (() => string) | undefined;
  /** One consents suite per ecosystem. */
  flows: FlowSuite[];
  live: LiveSecrets;
  close(): Promise<void>;
}

const ecosystemOf = (basePath: string) => basePath.split('/').filter(Boolean)[0] ?? '';

/**
 * Whether a spec's APIs read a consent's permissions from its token: some operation needs a permission and the
 * family does not carry permissions in the body (Opus), nor answers a flow of its own (the consents APIs).
 */
function takesConsentToken(spec: LoadedSpec): boolean {
  const profile = profileOf(spec);
  return !profile.judgedByFlow && !profile.permissionsInBody && spec.operations.some((operation) => operation.permissions.length > 0);
}

export async function startDemoConsents(
  issuer: string,
  receiver: DemoReceiver,
  loaded: readonly LoadedSpec[],
  suites: readonly DemoSuite[],
  io: { say(line: string): void; signal?: AbortSignal; clock?: InstitutionClock },
): Promise<DemoConsents> {
  const live = new LiveSecrets();
  const consentsSpecs = loaded.filter((spec) => operationOf(spec, SHAPES.create));
  const sessions = new Map<string, AuthSession>();
  const close = async () => void (await Promise.all([...sessions.values()].map((session) => session.close())));
  // One consent per ecosystem that has both a consents API and data APIs reading its tokens; the journeys run side by side.
  const journeys = consentsSpecs.flatMap((consentsSpec) => {
    const ecosystem = ecosystemOf(consentsSpec.basePath);
    const own = suites.filter((suite) => takesConsentToken(suite.spec) && ecosystemOf(suite.spec.basePath) === ecosystem);
    const first = own[0];
    return first && consentsSpecs.find((spec) => ecosystemOf(spec.basePath) === ecosystem) === consentsSpec
      ? [{ ecosystem, consentsSpec, own, first }]
      : [];
  });
  const started = await Promise.allSettled(
    journeys.map(async ({ ecosystem, consentsSpec, own, first }) => {
      const permissions = consentPermissionsFor(
        own.map((suite) => suite.spec),
        consentsSpec,
      );
      const session = await startAuthSession({
        auth: receiver.auth(issuer, permissions),
        consentsSpec: consentsSpec.id,
        spec: first.spec.id,
        target: first.target,
        loaded,
        live,
        ...(io.clock ? { clock: io.clock } : {}),
        say: io.say,
        ...(io.signal ? { signal: io.signal } : {}),
      });
      sessions.set(ecosystem, session);
      io.say(`consent granted through ${consentsSpec.id} for ${own.length} APIs (${permissions.length} permissions)`);
    }),
  );
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return {
    tokenOf: (index) => {
      const suite = suites[index];
      return suite && takesConsentToken(suite.spec) ? sessions.get(ecosystemOf(suite.spec.basePath))?.token : undefined;
    },
    flows: journeys.flatMap(({ ecosystem }) => sessions.get(ecosystem)?.flows ?? []),
    live,
    close,
  };
}
