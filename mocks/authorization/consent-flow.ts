/**
 * How an authorization request becomes an approved consent, in oidc-provider's
 * terms. Both modes check the consent on PAR and on authorize (consent-request.ts).
 * - `auto`: on authorize, the consent's customer is signed in and a grant of
 *   every requested scope is made, with all the customer's eligible resources;
 *   the consent becomes AUTHORISED and the code goes straight to the
 *   redirect URI — no page, no cookie, one redirect (for CI).
 * - `page`: the customer signs in with the consent's CPF and chooses what to
 *   share on our pages (interaction-pages.ts); the policy below asks for
 *   exactly those two steps.
 */
import { interactionPolicy, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import type { Consent } from './consent.ts';
import { consentForRequest } from './consent-request.ts';
import { consentIdOf, OFB_SCOPES } from './consent-scope.ts';
import type { ConsentService } from './consent-service.ts';
import { resourcesForConsent, type ResourcesProvider } from './resources.ts';

export type ConsentMode = 'auto' | 'page';

export interface FlowDeps {
  mode: ConsentMode;
  /** The resource indicator of the data APIs, where the grant's API and consent scopes go. */
  resource: string;
  consents: ConsentService;
  resources: ResourcesProvider;
}

/** The consent checked for this request, so later steps do not read it again. */
const consentOfRequest = new WeakMap<object, Consent>();

/**
 * Runs on PAR and authorize once the request (pushed or not) is resolved and the client known
 * (registered as an extra-parameter validator, the hook oidc-provider runs at that point).
 */
export function consentRequestCheck(deps: FlowDeps) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    const route = ctx.oidc.route;
    if (route !== 'pushed_authorization_request' && route !== 'authorization') return;
    const consent = await consentForRequest(deps.consents, ctx.oidc.client!.clientId, ctx.oidc.params!.scope as string | undefined);
    consentOfRequest.set(ctx, consent);
    if (route === 'authorization' && deps.mode === 'auto') {
      // The customer "signs in" as the consent's logged user; transient: no long-lived session cookie.
      ctx.oidc.session!.loginAccount({ accountId: consent.loggedUser.document.identification, transient: true });
    }
  };
}

/** oidc-provider's `loadExistingGrant`: `auto` makes the grant and authorises the consent; `page` uses the grant the page made. */
export function loadGrant(deps: FlowDeps) {
  return async (ctx: KoaContextWithOIDC) => {
    const provider = ctx.oidc.provider;
    if (deps.mode === 'page') {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? provider.Grant.find(grantId) : undefined;
    }
    const consent = consentOfRequest.get(ctx);
    if (!consent) return undefined;
    const resources = await resourcesForConsent(deps.resources, consent);
    const grantId = await grantFor(provider, deps.resource, consent, ctx.oidc.client!.clientId, ctx.oidc.params!.scope as string);
    await deps.consents.authorise(consent.consentId, resources, grantId);
    return provider.Grant.find(grantId);
  };
}

/**
 * Saves a grant of every requested scope for the consent's customer and returns its id: the OpenID scopes
 * (openid and the advertised API scopes) for the ID token, and every scope but openid — the consent scope
 * included — for the data APIs' resource.
 */
export async function grantFor(provider: Provider, resource: string, consent: Consent, clientId: string, scope: string): Promise<string> {
  const requested = scope.split(' ').filter(Boolean);
  const grant = new provider.Grant({ accountId: consent.loggedUser.document.identification, clientId });
  grant.addOIDCScope(requested.filter((value) => OIDC_SCOPES.has(value)).join(' '));
  grant.addResourceScope(resource, requested.filter((value) => value !== 'openid').join(' '));
  return grant.save();
}

const OIDC_SCOPES = new Set(OFB_SCOPES);

/** The customer's CPF for the consent named in the request's scope, or undefined. */
async function consentCpf(deps: FlowDeps, ctx: KoaContextWithOIDC): Promise<string | undefined> {
  const known = consentOfRequest.get(ctx);
  if (known) return known.loggedUser.document.identification;
  const id = consentIdOf(ctx.oidc.params?.scope as string | undefined);
  const consent = id ? await deps.consents.get(id) : undefined;
  return consent?.loggedUser.document.identification;
}

/** The interaction policy: none in `auto`; in `page`, sign in as the consent's customer, then approve. */
export function consentPolicy(deps: FlowDeps): interactionPolicy.Prompt[] {
  if (deps.mode === 'auto') return [];
  const { Prompt, Check } = interactionPolicy;
  return [
    new Prompt(
      { name: 'login', requestable: true },
      new Check('consent_customer', "the consent's customer must sign in", 'login_required', async (ctx) =>
        ctx.oidc.session?.accountId !== undefined && ctx.oidc.session.accountId === (await consentCpf(deps, ctx))
          ? Check.NO_NEED_TO_PROMPT
          : Check.REQUEST_PROMPT,
      ),
    ),
    new Prompt(
      { name: 'consent', requestable: true },
      new Check('consent_pending', 'the customer must approve the consent', 'consent_required', (ctx) =>
        ctx.oidc.result?.consent?.grantId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    ),
  ];
}
