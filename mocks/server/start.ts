/**
 * `startMock`: load the specs, mount them, create the data world and listen.
 * Used by `aferir mock`, by `aferir demo` (in-process) and by the tests (port 0).
 */
import { createServer, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CATALOGUE } from '../../specs/catalogue.ts';
import { UsageError } from '../../specs/errors.ts';
import { loadSpec, type SpecLoadOptions } from '../../specs/load.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { World, WorldOptions } from '../../data/api.ts';
import { familyOf } from '../../families/index.ts';
import { MOCK_HANDLERS } from '../../families/mock-handlers.ts';
import type { AuthorizationServer } from '../authorization/index.ts';
import { ConsentService } from '../authorization/consent-service.ts';
import { MemoryStore } from '../state/memory-store.ts';
import { openStateStore } from '../state/open-store.ts';
import { AuthorizationRoute } from './authorization-wiring.ts';
import { MockClock } from './clock.ts';
import { FaultInjector } from './faults.ts';
import { mountApi, type MountedApi } from './mount.ts';
import { ConnectionLimits } from './connection-limits.ts';
import { defaultMaxConnections, openFileLimit } from './open-file-limit.ts';
import {
  checkTimeoutMs,
  DEFAULT_CACHE_BYTES,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  parseMaxConnections,
  type MockOptions,
  WORLD_SIZES,
} from './options.ts';
import { ResponseCache } from './response-cache.ts';
import { CreatedResources } from './created-resources.ts';
import { MockRouter } from './router.ts';
import { MockRuntime } from './runtime.ts';
import { BodySigner } from './signed-body.ts';
import { loadServerKeys } from '../authorization/keys.ts';
import { createListener } from './server.ts';
import { answerClientError } from './socket-answers.ts';
import { linkSchemeFor, relaxedRules } from './spec-checks.ts';
import { resourcesProvider, worldResources } from './world-resources.ts';

interface MockApiInfo {
  id: string;
  title: string;
  version: string;
  /** Where the API is served on this mock, e.g. `/open-banking/accounts/v2`. */
  basePath: string;
  /** The absolute base URL, e.g. `http://127.0.0.1:4010/open-banking/accounts/v2`. */
  url: string;
}

export interface RunningMock {
  /** `http://HOST:PORT`. */
  url: string;
  host: string;
  port: number;
  apis: MockApiInfo[];
  /** The loaded specs, in mount order. */
  specs: LoadedSpec[];
  /** The data world the mock serves (for tests that need the same ids). */
  world(): World;
  /** The authorization server, when `authorization` was given: its issuer, consents and token checks. */
  authorization?: AuthorizationServer;
  close(): Promise<void>;
}

export interface StartMockOptions extends MockOptions {
  /** Specs already loaded (instead of `specs` refs). */
  loaded?: LoadedSpec[];
  /** The data engine's factory; defaults to data/'s createWorld. */
  createWorld?: (options: WorldOptions) => World;
}

export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const refs = options.specs && options.specs.length > 0 ? options.specs : CATALOGUE.map((entry) => entry.id);
  const specs = options.loaded ?? (await loadAll(refs, options.specLoad));
  assertDistinctBases(specs);
  const log = options.log ?? (() => undefined);
  const createWorld = options.createWorld ?? (await import('../../data/index.ts')).createWorld;
  const clock = new MockClock(options.now);
  const seed = options.seed ?? 1;
  const runtime = new MockRuntime(
    clock,
    createWorld,
    seed,
    new ResponseCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES),
    new FaultInjector(seed, options.latency, options.faultRate ?? 0, options.rateLimit),
    log,
    options.quiet ?? false,
    options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    WORLD_SIZES[options.world ?? 'small'],
  );

  if (options.basicAuth && options.basicAuth.length > 0) runtime.basicPairs = new Set(options.basicAuth);

  let next = 0;
  const apis: MountedApi[] = specs.map((spec) => {
    const api = mountApi(spec, next);
    next += spec.operations.length;
    const links = linkSchemeFor(api);
    api.linkScheme = links.scheme;
    api.selfMaxLength = links.maxLength;
    if (links.scheme === 'https')
      runtime.info(
        `note: ${spec.id}: the spec only accepts https links, so links are written with https:// (serve the mock behind TLS, or read them by path).`,
      );
    for (const rule of relaxedRules(spec))
      runtime.warnOnce(
        `relaxed:${spec.id}:${rule.pointer}`,
        `${spec.id}: ${rule.message}; request validation does not enforce it (${rule.pointer}).`,
      );
    return api;
  });
  const router = new MockRouter(apis);
  const apisJson = JSON.stringify(
    apis.map((api) => ({ id: api.spec.id, title: api.spec.title, version: api.spec.version, basePath: api.basePath })),
  );
  const limits = connectionLimits(options, runtime);
  const headersTimeout = checkTimeoutMs('headersTimeoutMs', options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS);
  const defects = new Set(options.defects ?? []);
  const resources = worldResources(apis, runtime);
  const auth = options.authorization ? new AuthorizationRoute() : undefined;
  if (auth)
    auth.store = await openStateStore(options.authorization?.state, { redis: { warn: (message) => runtime.warnOnce(message, message) } });
  // Created resources share the authorization server's store (Redis with --state); without one, a memory store of their own.
  const ownStore = auth ? undefined : await openStateStore(undefined);
  runtime.created = new CreatedResources((auth?.store ?? ownStore)!);
  const serverOptions: ServerOptions = {
    maxHeaderSize: 16 * 1024,
    keepAliveTimeout: 5_000,
    headersTimeout,
    requestTimeout: Math.max(30_000, headersTimeout),
    // Node looks for expired headers/requests only this often (30 s by default, which would stretch a 10 s timeout to 40).
    connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 4))),
  };
  const listener = limits.guard(
    createListener({ router, runtime, handlerFor: (api) => MOCK_HANDLERS[familyOf(api.spec)], apisJson, authorization: auth }),
  );
  const { tls } = options;
  // Client certificates are asked for but not required at the handshake: a browser reaches the consent pages without one;
  // the authorization server (and later the APIs) decide what a missing or untrusted certificate means.
  const server: Server = tls
    ? (createHttpsServer(
        {
          ...serverOptions,
          cert: tls.cert,
          key: tls.key,
          ca: tls.clientCa,
          requestCert: tls.clientCa !== undefined,
          rejectUnauthorized: false,
        },
        listener,
      ) as unknown as Server)
    : createServer(serverOptions, listener);
  limits.attach(server, tls !== undefined);
  server.on('clientError', answerClientError);

  const host = options.host ?? DEFAULT_HOST;
  const port = await listen(server, host, options.port ?? DEFAULT_PORT).catch(async (error: unknown) => {
    await auth?.close();
    throw error;
  });
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${hostInUrl}:${port}`;
  runtime.listening = `${hostInUrl}:${port}`;
  // The authorization server's key (the same store, so the same key) signs the application/jwt bodies.
  if (apis.some((api) => api.operations.some((op) => op.signsResponses || op.body?.signed)))
    runtime.signer = new BodySigner((await loadServerKeys((auth?.store ?? ownStore)!)).signing, options.authorization?.publicUrl ?? url);
  if (auth) {
    try {
      const { createAuthorizationServer, AUTH_MOUNT_PATH } = await import('../authorization/authorization-server.ts');
      auth.server = await createAuthorizationServer({
        resources: resourcesProvider(resources),
        ...options.authorization,
        issuer: `${options.authorization?.publicUrl ?? url}${AUTH_MOUNT_PATH}`,
        store: auth.store!,
        mtls: tls?.clientCa !== undefined,
        pkceRequired: !defects.has('pkce-not-enforced'),
        bindTokens: !defects.has('tokens-not-bound'),
        warn: (message) => runtime.warnOnce(message, message),
      });
    } catch (error) {
      await close(server);
      await auth.close();
      throw error;
    }
  }
  const authServer = auth?.server;
  // Without an authorization server the consents API still keeps consents, in this process only.
  runtime.consentAccess = {
    consents: authServer?.consents ?? new ConsentService(new MemoryStore()),
    ...(authServer ? { verifyAccessToken: authServer.verifyAccessToken, clientKeys: authServer.clientKeys } : {}),
    resources,
    defects,
  };
  return {
    url,
    host,
    port,
    specs,
    apis: apis.map((api) => ({
      id: api.spec.id,
      title: api.spec.title,
      version: api.spec.version,
      basePath: api.basePath,
      url: `${url}${api.basePath}`,
    })),
    world: () => runtime.world(),
    authorization: auth?.server,
    close: async () => {
      for (const timer of runtime.pending) clearTimeout(timer);
      runtime.pending.clear();
      await close(server);
      await auth?.close();
      await ownStore?.close();
    },
  };
}

function connectionLimits(options: MockOptions, runtime: MockRuntime): ConnectionLimits {
  const fileLimit = openFileLimit();
  const maxConnections =
    options.maxConnections === undefined ? defaultMaxConnections(fileLimit) : parseMaxConnections(options.maxConnections);
  if (fileLimit !== undefined && maxConnections > fileLimit - 128) {
    runtime.warnOnce(
      'max-connections',
      `--max-connections ${maxConnections} leaves too few of the ${fileLimit} open files this process may hold (ulimit -n) for anything else; raise the limit or lower the cap, or connections will fail with EMFILE before the cap is reached.`,
    );
  }
  return new ConnectionLimits({
    maxConnections,
    idleTimeoutMs: checkTimeoutMs('idleTimeoutMs', options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS),
    warnOnce: (key, message) => runtime.warnOnce(key, message),
  });
}

/** One after the other: loading in parallel doubles the start-up heap peak, which the process then keeps. */
async function loadAll(refs: string[], specLoad: SpecLoadOptions | undefined): Promise<LoadedSpec[]> {
  const specs: LoadedSpec[] = [];
  for (const ref of refs) specs.push(await loadSpec(ref, specLoad));
  return specs;
}

function assertDistinctBases(specs: LoadedSpec[]): void {
  const seen = new Map<string, string>();
  for (const spec of specs) {
    if (spec.basePath === '') continue;
    const other = seen.get(spec.basePath);
    if (other)
      throw new UsageError(`${spec.id} and ${other} would both be served under ${spec.basePath}; mount only one of them per mock.`);
    seen.set(spec.basePath, spec.id);
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use; pick another with --port (0 picks a free one)`
          : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
      reject(new UsageError(`The mock ${why}.`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
