/**
 * The mock's authorization server: oidc-provider configured for FAPI-BR
 * (provider-config.ts), its state in the state store, mounted under one
 * prefix of the mock's origin (`/auth`) as a plain node handler. Discovery
 * answers at `<issuer>/.well-known/openid-configuration` and, for clients
 * that look at the origin, at `/.well-known/openid-configuration` too.
 *
 *   const as = await createAuthorizationServer({ issuer: 'http://127.0.0.1:4010/auth', store, consent: 'auto' });
 *   if (as.handles(path)) return as.handle(req, res);
 */
import type { PublicJwk } from '../../specs/jws.ts';
import type { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import type { StateStore } from '../state/store.ts';
import type { StaticClient } from './clients.ts';
import { ConsentService, type ConsentServiceOptions } from './consent-service.ts';
import type { ConsentMode, FlowDeps } from './consent-flow.ts';
import { loadServerKeys, type MockSigningKey } from './keys.ts';
import { loadProviderModule } from './load.ts';
import { stubResources, type ResourcesProvider } from './resources.ts';
import { verifyAccessToken, type AccessTokenCheck } from './token-check.ts';

/** Where the authorization server lives on the mock's origin. */
export const AUTH_MOUNT_PATH = '/auth';

export interface AuthorizationServerOptions {
  /** The issuer: the mock's public URL + `/auth`, e.g. `http://127.0.0.1:4010/auth`. */
  issuer: string;
  /** Consents, codes, tokens, sessions and keys live here (memory, or Redis to share them between replicas). */
  store: StateStore;
  /** How the authorize endpoint gets the customer's approval: `auto` approves at once, `page` shows our pages. Default `page`. */
  consent?: ConsentMode;
  /** Statically registered clients (`--client`). Default none; open Dynamic Client Registration is always on. */
  clients?: Array<StaticClient | ClientMetadata>;
  /** The mock serves mutual TLS: enables `tls_client_auth` and certificate-bound tokens. Default false. */
  mtls?: boolean;
  /** The customers' accounts and contracts the consent page offers. Default: `stubResources`. */
  resources?: ResourcesProvider;
  /** Consent life-cycle settings (clock, id namespace, deadlines). Defaults: see ConsentServiceOptions. */
  consents?: Omit<ConsentServiceOptions, 'revokeGrant'>;
  /** Whether authorization requests must use PKCE (false only for a planted defect). Default true. */
  pkceRequired?: boolean;
  /** Whether access tokens are bound to the client certificate under mutual TLS (false only for a planted defect). Default true. */
  bindTokens?: boolean;
  /** Where server errors inside oidc-provider are reported (message only, never a token). Default: nowhere. */
  warn?: (message: string) => void;
}

export interface AuthorizationServer {
  readonly issuer: string;
  readonly mountPath: string;
  readonly consentMode: ConsentMode;
  /** The consents' life cycle; the consents API handler calls it. */
  readonly consents: ConsentService;
  /** True for the paths this server answers: `/auth`, `/auth/…` and the origin's discovery document. */
  handles(path: string): boolean;
  /** Answers one request for a path `handles` accepted. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The key the server signs with (PS256), for the mock to sign response bodies with the same identity. */
  mockSigningKey(): MockSigningKey;
  /** The public keys a registered client signs with (its `jwks`, or what its `jwks_uri` serves); undefined for an unknown client. */
  clientKeys(clientId: string): Promise<PublicJwk[] | undefined>;
  /** What a data API needs to know about a bearer token (and whether `certificate` may present it). */
  verifyAccessToken(token: string, certificate?: X509Certificate): Promise<AccessTokenCheck>;
}

export async function createAuthorizationServer(options: AuthorizationServerOptions): Promise<AuthorizationServer> {
  const issuerUrl = new URL(options.issuer);
  const issuer = issuerUrl.href.replace(/\/$/, '');
  const mountPath = issuerUrl.pathname.replace(/\/$/, '') || AUTH_MOUNT_PATH;
  const mode = options.consent ?? 'page';
  const keys = await loadServerKeys(options.store);
  const resource = `${issuerUrl.origin}/`;
  const statics: StaticClient[] = (options.clients ?? []).map((client) =>
    'metadata' in client && 'source' in client ? (client as StaticClient) : { metadata: client as ClientMetadata, source: 'clients' },
  );
  const consents = new ConsentService(options.store, {
    ...options.consents,
    revokeGrant: async (grantId) => {
      await (await provider()).Grant.adapter.revokeByGrantId(grantId);
    },
  });
  const flow: FlowDeps = { mode, resource, consents, resources: options.resources ?? stubResources };

  // oidc-provider is built on first use (a request to /auth, a token or client to look up), not at start: a mock
  // that only serves data never loads it. With static clients it is built now, so that a bad --client is a start-up error.
  let building: Promise<Provider> | undefined;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  function provider(): Promise<Provider> {
    building ??= loadProviderModule().then(({ createProvider }) =>
      createProvider({
        issuer,
        mountPath,
        resource,
        store: options.store,
        keys,
        flow,
        clients: statics,
        mtls: options.mtls ?? false,
        pkceRequired: options.pkceRequired ?? true,
        bindTokens: options.bindTokens ?? true,
        warn: options.warn,
      }),
    );
    return building;
  }
  if (statics.length > 0) await provider();

  const discoveryPaths = new Set(['/.well-known/openid-configuration', `/.well-known/oauth-authorization-server${mountPath}`]);
  const forwardedProto = issuerUrl.protocol.replace(':', '');
  const handles = (path: string) => path === mountPath || path.startsWith(`${mountPath}/`) || discoveryPaths.has(path);
  return {
    issuer,
    mountPath,
    consentMode: mode,
    consents,
    handles,
    handle(req, res) {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query < 0 ? url : url.slice(0, query);
      const inner = discoveryPaths.has(path)
        ? `/.well-known/openid-configuration${query < 0 ? '' : url.slice(query)}`
        : url.slice(mountPath.length) || '/';
      // oidc-provider derives its mount path from originalUrl minus url, and its links from the forwarded host.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = `${mountPath}${inner}`;
      req.url = inner;
      req.headers['x-forwarded-host'] = issuerUrl.host;
      req.headers['x-forwarded-proto'] = forwardedProto;
      if (callback) return callback(req, res);
      provider().then(
        (built) => {
          callback ??= built.callback();
          callback(req, res);
        },
        (error: Error) => {
          options.warn?.(`authorization server could not start: ${error.message}`);
          if (res.headersSent) return;
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'server_error', error_description: 'the authorization server could not start' }));
        },
      );
    },
    mockSigningKey: () => keys.signing,
    verifyAccessToken: async (token, certificate) => verifyAccessToken(await provider(), consents, token, certificate),
    clientKeys: async (clientId) => {
      const found = await (await provider()).Client.find(clientId);
      if (!found) return undefined;
      // oidc-provider's own key store of the client: inline jwks, or jwks_uri fetched and cached as it does for client auth.
      const store = (found as unknown as { asymmetricKeyStore: Iterable<PublicJwk> & { refresh(): Promise<void> } }).asymmetricKeyStore;
      await store.refresh();
      return [...store];
    },
  };
}
