/**
 * The Open Finance Brasil scope convention: an authorization request names
 * the consent it asks the customer to approve as one `consent:<consentId>`
 * scope beside the API scopes (`openid accounts consent:urn:bank:…`). The
 * consent must exist, belong to the requesting client and still await
 * authorisation; anything else is `invalid_scope` before the customer sees a
 * page.
 */
import { errors } from 'oidc-provider';
import type { Consent } from './consent.ts';
import { ConsentError, type ConsentService } from './consent-service.ts';

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

/**
 * The consent an authorization request (PAR or authorize) is for, checked: exactly one consent scope,
 * of a consent of this client that awaits authorisation. Throws oidc-provider's InvalidScope otherwise.
 */
export async function consentForRequest(consents: ConsentService, clientId: string, scope: string | undefined): Promise<Consent> {
  const ids = consentIdsIn(scope);
  if (ids.length !== 1)
    throw new errors.InvalidScope(
      ids.length === 0
        ? 'the scope must name the consent to authorise as consent:<consentId>'
        : 'the scope must name exactly one consent:<consentId>',
      ids.length === 0 ? 'consent' : ids.map((id) => `${CONSENT_SCOPE_PREFIX}${id}`).join(' '),
    );
  const id = ids[0]!; // exactly one, checked above
  const scopeValue = `${CONSENT_SCOPE_PREFIX}${id}`;
  let consent: Consent;
  try {
    consent = await consents.getFor(clientId, id);
  } catch (error) {
    if (error instanceof ConsentError)
      // A consent of another client is reported as unknown: its existence is none of this client's business.
      throw new errors.InvalidScope(
        error.reason === 'consent-not-found' || error.reason === 'consent-other-client'
          ? 'the consent does not exist for this client'
          : error.message,
        scopeValue,
      );
    throw error;
  }
  if (consent.status !== 'AWAITING_AUTHORISATION')
    throw new errors.InvalidScope(`the consent is ${consent.status}; only a consent AWAITING_AUTHORISATION can be authorised`, scopeValue);
  return consent;
}
