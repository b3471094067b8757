/**
 * `--auth`: before the run, the receiver's journey for the consent of the
 * auth file (discovery → client credentials → POST consents → PAR → approval → code),
 * then what the run needs from it: the consent-bound token (refreshed in the
 * background), the consents suite, and the live list of secrets every
 * scrubber of the run reads. The consents and resources endpoints are taken
 * from the file, or found in a consents spec (a POST path ending in
 * /consents; a GET path ending in /resources) under the target's origin.
 */
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import type { SpecLoadOptions } from '../../specs/load-options.ts';
import { UsageError } from '../../specs/errors.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { AuthOptions } from '../../suites/auth/auth-options.ts';
import type { InstitutionClock } from '../../suites/auth/expiry-probe.ts';
import { grantConsent, type FlowContext } from '../../suites/auth/consent-flow.ts';
import { SHAPES, operationOf, type CallShape } from '../../suites/auth/consent-schema.ts';
import { consentsSuite } from '../../suites/auth/consents-suite.ts';
import { createFapiClient } from '../../suites/auth/fapi-client.ts';
import { TokenHolder } from '../../suites/auth/token-holder.ts';
import type { FlowSuite } from '../../suites/engine/flow-suite.ts';
import { LiveSecrets } from '../../suites/secrets/live-secrets.ts';

export interface AuthSessionInput {
  auth: AuthOptions;
  /** `consents-spec` of the auth file, if given. */
  consentsSpec?: string;
  /** The run's spec reference and target, to find the endpoints under. */
  spec: string;
  target: string;
  specLoad?: SpecLoadOptions;
  /** One line for the user (the manual approval's URL, a failed refresh). */
  say(line: string): void;
  signal?: AbortSignal;
  now?: () => Date;
  /** Specs already loaded to find the consents and resources endpoints in, instead of loading the catalogue (the demo's mock's). Default: none. */
  loaded?: readonly LoadedSpec[];
  /** The list the session's secrets join (one list for the sessions of one run). Default: a list of its own. */
  live?: LiveSecrets;
  /** The institution's consents clock, when the run controls it (the demo's mock). Default: none. */
  clock?: InstitutionClock;
  /** The run's `--resolve` entries, which the flow's requests follow too. Default: none. */
  resolve?: readonly string[];
}

export interface AuthSession {
  token: () => string;
  flows: FlowSuite[];
  live: LiveSecrets;
  close(): Promise<void>;
}

export async function startAuthSession(input: AuthSessionInput): Promise<AuthSession> {
  const live = input.live ?? new LiveSecrets();
  const { auth } = input;
  live.add(auth.privateKey);
  live.add(auth.mtls.key);
  // Discovery first: an unreachable or misconfigured server is reported before any spec is loaded.
  const fapi = await createFapiClient(auth, { ...(input.resolve ? { resolve: input.resolve } : {}) });
  try {
    const endpoints = await findEndpoints(input);
    const flow: FlowContext = {
      fapi,
      options: auth,
      consentsUrl: endpoints.consentsUrl,
      learn: (secret) => live.add(secret),
      io: { say: input.say, ...(input.signal ? { signal: input.signal } : {}) },
      now: input.now ?? (() => new Date()),
    };
    const granted = await grantConsent(flow);
    const holder = new TokenHolder({
      config: fapi.config,
      accessToken: granted.tokens.access_token,
      ...(granted.tokens.refresh_token ? { refreshToken: granted.tokens.refresh_token } : {}),
      ...(granted.tokens.expires_in === undefined ? {} : { expiresIn: granted.tokens.expires_in }),
      learn: (secret) => live.add(secret),
      warn: input.say,
    });
    const token = () => holder.current();
    return {
      token,
      live,
      flows: [
        consentsSuite({
          flow,
          main: { consentId: granted.consentId, token },
          ...(endpoints.resourcesUrl ? { resourcesUrl: endpoints.resourcesUrl } : {}),
          ...(endpoints.spec ? { consentsSpec: endpoints.spec } : {}),
          ...(input.clock ? { clock: input.clock } : {}),
        }),
      ],
      close: async () => {
        holder.stop();
        await fapi.close();
      },
    };
  } catch (error) {
    await fapi.close();
    throw error;
  }
}

interface Endpoints {
  consentsUrl: string;
  resourcesUrl?: string;
  spec?: LoadedSpec;
}

/**
 * The file's URLs first; then the consents spec it names, the run's spec and the catalogue. Among several
 * matches, the one whose base path shares its first segment with the target's (`/open-banking`, not
 * `/open-insurance`) wins: the consents of the ecosystem the run tests.
 */
async function findEndpoints(input: AuthSessionInput): Promise<Endpoints> {
  const target = new URL(input.target);
  const origin = target.origin;
  const ecosystem = (pathname: string) => pathname.split('/').filter(Boolean)[0] ?? '';
  // The catalogue (seconds to load) is searched only when the file gives no consents-url: who names one endpoint names both.
  const catalogue = input.auth.consentsUrl || input.loaded ? [] : CATALOGUE.map((entry) => entry.id);
  const candidates = [input.consentsSpec, input.spec, ...catalogue].filter(
    (ref, index, all): ref is string =>
      ref !== undefined && all.indexOf(ref) === index && !input.loaded?.some((spec) => spec.id === ref || spec.source === ref),
  );
  const consentsSpecs: LoadedSpec[] = [];
  const resourcesSpecs: LoadedSpec[] = [];
  for (const spec of input.loaded ?? []) {
    if (operationOf(spec, SHAPES.create)) consentsSpecs.push(spec);
    if (operationOf(spec, SHAPES.resources)) resourcesSpecs.push(spec);
  }
  for (const ref of candidates) {
    const spec = await loadSpec(ref, input.specLoad).catch((error: unknown) => {
      if (ref === input.consentsSpec)
        throw new UsageError(`--auth consents-spec ${ref} cannot be loaded: ${(error as Error).message}`, { cause: error });
      return undefined;
    });
    if (!spec) continue;
    if (operationOf(spec, SHAPES.create)) consentsSpecs.push(spec);
    if (operationOf(spec, SHAPES.resources)) resourcesSpecs.push(spec);
  }
  const best = (specs: LoadedSpec[]) =>
    specs.find((spec) => spec.id === input.consentsSpec || spec.source === input.consentsSpec) ??
    specs.find((spec) => ecosystem(spec.basePath) === ecosystem(target.pathname));
  const consentsSpec = best(consentsSpecs) ?? (input.auth.consentsUrl ? consentsSpecs[0] : undefined);
  const resourcesSpec = best(resourcesSpecs);
  const urlIn = (spec: LoadedSpec | undefined, shape: CallShape) => {
    const operation = operationOf(spec, shape);
    return spec && operation ? `${origin}${spec.basePath}${operation.path}` : undefined;
  };
  const consentsUrl = input.auth.consentsUrl ?? urlIn(consentsSpec, SHAPES.create);
  if (!consentsUrl)
    throw new UsageError(
      '--auth: no consents endpoint: give consents-url (e.g. https://api.bank.example/open-banking/consents/v3/consents) or consents-spec in the auth file.',
    );
  const resourcesUrl = input.auth.resourcesUrl ?? urlIn(resourcesSpec, SHAPES.resources);
  return { consentsUrl, ...(resourcesUrl ? { resourcesUrl } : {}), ...(consentsSpec ? { spec: consentsSpec } : {}) };
}
