/**
 * The consent an authorization request names (see consent-scope.ts) must
 * exist, belong to the requesting client and still await authorisation;
 * anything else is `invalid_scope` before the customer sees a page.
 */
import { errors } from 'oidc-provider';
import type { Consent } from './consent.ts';
import { CONSENT_SCOPE_PREFIX, consentIdsIn } from './consent-scope.ts';
import { ConsentError, type ConsentService } from './consent-service.ts';

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
