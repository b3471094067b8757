/**
 * The mock's authorization server and consents (the public entry of this
 * folder): `createAuthorizationServer`, the ConsentService the consents API
 * handler calls, the Consent record, and the resources provider interface the
 * data engine implements.
 */
export {
  AUTH_MOUNT_PATH,
  createAuthorizationServer,
  type AuthorizationServer,
  type AuthorizationServerOptions,
} from './authorization-server.ts';
export { readClientFile, type StaticClient } from './clients.ts';
export { consentResponseData, CONSENT_PERMISSIONS, type Consent, type ConsentResource, type ConsentStatus } from './consent.ts';
export { ConsentError, ConsentService, type ConsentServiceOptions, type NewConsent } from './consent-service.ts';
export type { ConsentMode } from './consent-flow.ts';
export { CONSENT_SCOPE_PREFIX, consentIdOf } from './consent-scope.ts';
export type { MockSigningKey } from './keys.ts';
export { stubResources, type ResourcesProvider } from './resources.ts';
export type { AccessTokenCheck } from './token-check.ts';
