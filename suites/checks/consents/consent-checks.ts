/**
 * The consents suite's checks (run by suites/auth/consents-suite.ts when
 * `aferir run --auth` is given): they drive the consent journey rather than
 * one operation, so they are flow checks — an id, a line and a severity here,
 * registered beside the per-operation checks so --only/--skip and the
 * reports know them.
 */
import type { CheckInfo } from '../../result-model.ts';

const check = (id: string, description: string): CheckInfo => ({ id, description, severity: 'error' });

export const CONSENT_CREATE = check(
  'consent-create',
  'POST consents answers 201 with a body of the spec, AWAITING_AUTHORISATION and a consentId URN.',
);
export const CONSENT_READ_BACK = check(
  'consent-read-back',
  'GET the consent answers 200 with the id, permissions and expiry it was created with.',
);
export const CONSENT_INVALID_REJECTED = check(
  'consent-invalid-rejected',
  'Each invalid consent the spec lists a 422 code for is refused with 422 and that code.',
);
export const CONSENT_REVOKE = check(
  'consent-revoke',
  'DELETE the consent answers 204 and the consent reads back REJECTED with rejectedBy and the revocation reason.',
);
export const CONSENT_REVOKED_TOKEN = check(
  'consent-revoked-token-refused',
  'A token of a revoked consent is refused with 401 on a data API that accepted it before.',
);
export const CONSENT_TOKEN_BOUND = check(
  'consent-token-bound',
  "Under mutual TLS, the consent's token presented without the client certificate it was issued to is refused with 401 (RFC 8705).",
);
export const CONSENT_EXPIRED_TOKEN = check(
  'consent-expired-token-refused',
  'A token of a consent past its expirationDateTime is refused with 401 on a data API that accepted it before.',
);
export const CONSENT_PERMISSION_ENFORCED = check(
  'consent-permission-enforced',
  "A data operation needing a permission the consent lacks answers 403 to the consent's token.",
);
export const CONSENT_RESOURCES_LISTED = check(
  'consent-resources-listed',
  'The resources API lists resources of the consented types, each AVAILABLE, UNAVAILABLE, TEMPORARILY_UNAVAILABLE or PENDING_AUTHORISATION.',
);
export const AUTHORIZATION_METADATA = check(
  'authorization-server-metadata',
  'Discovery declares FAPI-BR: PAR required, PKCE S256, PS256 signing, private_key_jwt or tls_client_auth.',
);
export const AUTHORIZATION_PKCE_ENFORCED = check(
  'authorization-pkce-enforced',
  'A pushed authorization request without a PKCE code_challenge is refused.',
);

export const CONSENT_CHECKS: readonly CheckInfo[] = [
  AUTHORIZATION_METADATA,
  AUTHORIZATION_PKCE_ENFORCED,
  CONSENT_CREATE,
  CONSENT_READ_BACK,
  CONSENT_INVALID_REJECTED,
  CONSENT_REVOKE,
  CONSENT_REVOKED_TOKEN,
  CONSENT_EXPIRED_TOKEN,
  CONSENT_TOKEN_BOUND,
  CONSENT_PERMISSION_ENFORCED,
  CONSENT_RESOURCES_LISTED,
];
