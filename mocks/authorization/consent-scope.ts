/**
 * The Open Finance Brasil scope convention: an authorization request names
 * the consent it asks the customer to approve as one `consent:<consentId>`
 * scope beside the API scopes (`openid accounts consent:urn:bank:…`); the
 * tokens issued for it carry that scope. How a request's consent is checked
 * is consent-request.ts (it needs oidc-provider; this file must not, since the
 * data APIs read token scopes without loading it).
 */

export const CONSENT_SCOPE_PREFIX = 'consent:';

/** The API scopes of Open Finance Brasil's data and consents APIs, advertised in `scopes_supported`. */
export const OFB_SCOPES = [
  'openid',
  'consents',
  'resources',
  'accounts',
  'credit-cards-accounts',
  'customers',
  'loans',
  'financings',
  'unarranged-accounts-overdraft',
  'invoice-financings',
  'bank-fixed-incomes',
  'credit-fixed-incomes',
  'variable-incomes',
  'treasure-titles',
  'funds',
  'exchanges',
];

/** The consent ids named in a scope string. */
export function consentIdsIn(scope: string | undefined): string[] {
  return (scope ?? '')
    .split(' ')
    .filter((value) => value.startsWith(CONSENT_SCOPE_PREFIX))
    .map((value) => value.slice(CONSENT_SCOPE_PREFIX.length));
}

/** The one consent id a token's scope carries, or undefined (client_credentials tokens carry none). */
export function consentIdOf(scope: string | undefined): string | undefined {
  const ids = consentIdsIn(scope);
  return ids.length === 1 ? ids[0] : undefined;
}
