/**
 * oidc-provider's configuration for the mock: FAPI 1.0 Advanced ("1.0 Final")
 * with what Open Finance Brasil's security profile adds on top, as far as
 * oidc-provider implements it — PAR required, signed request objects (PS256),
 * PKCE S256 required, `code id_token` or `code` with JARM, `private_key_jwt`
 * (and `tls_client_auth` under mutual TLS), certificate-bound tokens under
 * mutual TLS, client_credentials, refresh tokens without rotation,
 * revocation, introspection, userinfo and open Dynamic Client Registration.
 */
import { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { StateStore } from '../state/store.ts';
import { CONSENT_SCOPE_PREFIX, consentIdOf, consentIdsIn, OFB_SCOPES } from './consent-scope.ts';
import { consentPolicy, consentRequestCheck, loadGrant, type FlowDeps } from './consent-flow.ts';
import type { ServerKeys } from './keys.ts';
import { certificateAuthorized, certificateSubjectMatches, peerCertificate } from './mtls.ts';
import { stateAdapter } from './oidc-adapter.ts';
import { errorPage, pageHeaders } from './pages.ts';

/** The extra parameter whose validator checks the consent on PAR and authorize (its value is ignored). */
const CONSENT_CHECK_PARAM = 'aferir_consent_check';

/** Token and session lifetimes, in seconds (Open Finance Brasil: access tokens 5–15 minutes). */
const TTL = {
  AccessToken: 900,
  ClientCredentials: 900,
  AuthorizationCode: 60,
  IdToken: 900,
  Interaction: 600,
  Session: 3600,
  Grant: 365 * 86_400,
  RefreshToken: 365 * 86_400,
};

export interface ConfigInput {
  store: StateStore;
  keys: ServerKeys;
  flow: FlowDeps;
  clients: ClientMetadata[];
  /** Served over mutual TLS: enables tls_client_auth and certificate-bound access tokens. */
  mtls: boolean;
  /** PKCE required on every authorization request (false only for a planted defect). */
  pkceRequired: boolean;
  /** Under mutual TLS, access tokens bound to the client certificate (false only for a planted defect). */
  bindTokens: boolean;
  /** Where the server is mounted on the mock's origin (`/auth`). */
  mountPath: string;
  issuer: string;
  /** The resource indicator (audience) of the mock's data APIs: its public origin. */
  resource: string;
}

const API_SCOPES = OFB_SCOPES.filter((scope) => scope !== 'openid');

/** The consent scopes a request or the code/refresh token it presents carries (the resource server's scopes are per consent). */
function consentScopesOf(ctx: KoaContextWithOIDC): string[] {
  const { params, entities } = ctx.oidc;
  const sources = [params?.scope, entities.AuthorizationCode?.scope, entities.RefreshToken?.scope];
  const scopes = new Set<string>();
  for (const source of sources) for (const id of consentIdsIn(source as string | undefined)) scopes.add(`${CONSENT_SCOPE_PREFIX}${id}`);
  return [...scopes];
}

const PS256 = ['PS256'] as const;

export function providerConfiguration(input: ConfigInput): Configuration {
  const { flow, mtls } = input;
  const bound = mtls && input.bindTokens;
  return {
    adapter: stateAdapter(input.store),
    // FAPI clients are servers: no browser may call the token, PAR or introspection endpoints cross-origin.
    clientBasedCORS: () => false,
    clients: input.clients,
    jwks: input.keys.jwks as Configuration['jwks'],
    cookies: { keys: input.keys.cookieKeys, long: { signed: true }, short: { signed: true } },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    scopes: OFB_SCOPES,
    subjectTypes: ['public'],
    responseTypes: ['code id_token', 'code'],
    clientAuthMethods: mtls ? ['private_key_jwt', 'tls_client_auth'] : ['private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: PS256,
      idTokenSigningAlgValues: PS256,
      requestObjectSigningAlgValues: PS256,
      authorizationSigningAlgValues: PS256,
      userinfoSigningAlgValues: PS256,
      introspectionSigningAlgValues: PS256,
    },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code id_token', 'code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'PS256',
      authorization_signed_response_alg: 'PS256',
      request_object_signing_alg: 'PS256',
      ...(bound ? { tls_client_certificate_bound_access_tokens: true } : {}),
    },
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => input.pkceRequired },
    features: {
      fapi: { enabled: true, profile: '1.0 Final' },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      requestObjects: { enabled: true, requireSignedRequestObject: true },
      jwtResponseModes: { enabled: true },
      clientCredentials: { enabled: true },
      // A client sees and revokes only its own tokens (the data APIs check tokens in-process, verifyAccessToken).
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: { enabled: false },
      // The data APIs are one resource server, the mock's origin: its scopes are the API scopes and the request's consent scope.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => (oneOf ? oneOf[0] : input.resource),
        getResourceServerInfo: async (ctx, resource) => {
          if (resource !== input.resource) throw new errors.InvalidTarget(`the only resource of this server is ${input.resource}`);
          return {
            scope: [...API_SCOPES, ...consentScopesOf(ctx)].join(' '),
            accessTokenFormat: 'opaque',
            accessTokenTTL: TTL.AccessToken,
          };
        },
        useGrantedResource: async () => true,
      },
      // OFB receivers read the customer from the consent, not from userinfo; off, so tokens are for the data APIs.
      userinfo: { enabled: false },
      registration: { enabled: true, issueRegistrationAccessToken: false },
      devInteractions: { enabled: false },
      mTLS: {
        enabled: mtls,
        certificateBoundAccessTokens: bound,
        tlsClientAuth: mtls,
        getCertificate: (ctx) => peerCertificate(ctx.req),
        certificateAuthorized: (ctx) => certificateAuthorized(ctx.req),
        certificateSubjectMatches: (ctx, property, expected) => certificateSubjectMatches(peerCertificate(ctx.req), property, expected),
      },
    },
    routes: {
      authorization: '/authorize',
      pushed_authorization_request: '/par',
      token: '/token',
      jwks: '/jwks',
      registration: '/register',
      revocation: '/token/revocation',
      introspection: '/token/introspection',
      userinfo: '/userinfo',
      end_session: '/session/end',
    },
    ttl: TTL,
    // Refresh tokens for every code exchange (OFB does not use offline_access), valid as long as the consent; never rotated.
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.kind === 'AuthorizationCode',
    rotateRefreshToken: false,
    // Tokens live as long as the consent, not the browser session.
    expiresWithSession: async () => false,
    extraParams: { [CONSENT_CHECK_PARAM]: consentRequestCheck(flow) },
    loadExistingGrant: loadGrant(flow),
    extraTokenClaims: async (_ctx, token) => {
      const consentId = consentIdOf(token.scope);
      if (consentId === undefined) return undefined;
      // A refresh after revocation or expiry must fail; at the code exchange the consent was just authorised.
      const consent = await flow.consents.get(consentId);
      if (consent?.status !== 'AUTHORISED')
        throw new errors.InvalidGrant(`the consent is ${consent?.status ?? 'gone'}; tokens are only issued for an AUTHORISED consent`);
      return { consent_id: consentId };
    },
    interactions: {
      url: (_ctx, interaction) => `${input.issuer}/interaction/${interaction.uid}`,
      policy: consentPolicy(flow),
    },
    renderError: async (ctx: KoaContextWithOIDC, out) => {
      ctx.set(pageHeaders([]));
      ctx.body = errorPage({ ...out });
    },
  };
}
