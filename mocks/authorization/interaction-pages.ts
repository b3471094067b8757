/**
 * The consent pages of `--consent page`, served by the authorization server at
 * `<issuer>/interaction/<uid>`: GET shows the step oidc-provider asks for
 * (sign in, then approve), POST `…/login` checks the CPF against the consent's
 * logged user, POST `…/decision` approves (the consent becomes AUTHORISED with
 * the chosen resources) or denies (REJECTED; the client gets access_denied).
 * Each step is bound to the interaction cookie oidc-provider set, so only the
 * browser that started the request can finish it.
 */
import type { Provider } from 'oidc-provider';
import type { Consent } from './consent.ts';
import { grantFor, type FlowDeps } from './consent-flow.ts';
import { consentIdOf } from './consent-scope.ts';
import { ConsentError } from './consent-service.ts';
import { consentPage, errorPage, loginPage, pageHeaders } from './pages.ts';
import { resourcesForConsent } from './resources.ts';

const PATH = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|decision))?$/;
const MAX_FORM_BYTES = 16 * 1024;

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** `mountPath`: where the server is mounted on the mock's origin (`/auth`), for the forms' absolute actions. */
/** A koa middleware as oidc-provider's `provider.use` takes it (koa is oidc-provider's, not ours to import). */
type KoaMiddleware = Parameters<Provider['use']>[0];

export function interactionPages(provider: Provider, deps: FlowDeps, mountPath: string): KoaMiddleware {
  return async (ctx, next) => {
    const match = PATH.exec(ctx.path);
    if (!match) return next();
    const [, uid, step] = match;
    const send = (status: number, html: string, formTargets: string[] = []) => {
      ctx.status = status;
      ctx.set(pageHeaders(formTargets));
      ctx.body = html;
    };
    if ((step === undefined) !== (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.set('allow', step === undefined ? 'GET' : 'POST');
      return send(405, errorPage({ error: 'method_not_allowed', error_description: `${ctx.method} is not used here.` }));
    }
    let details: Details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      return send(
        400,
        errorPage({
          error: 'invalid_request',
          error_description: 'This sign-in expired or was started in another browser; start again from the app.',
        }),
      );
    }
    if (details.uid !== uid)
      return send(400, errorPage({ error: 'invalid_request', error_description: 'This page belongs to another sign-in.' }));
    const consent = await consentOf(deps, details);
    if (!consent)
      return send(400, errorPage({ error: 'invalid_request', error_description: 'The consent of this request no longer exists.' }));
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    const targets = redirectOrigin(details);
    const resources = await resourcesForConsent(deps.resources, consent);
    const consentView = (status: number, error?: string) =>
      send(status, consentPage({ action: `${mountPath}/interaction/${uid}/decision`, clientName, consent, resources, error }), targets);
    const loginView = (status: number, error?: string) =>
      send(status, loginPage({ action: `${mountPath}/interaction/${uid}/login`, clientName, error }), targets);
    const finish = async (result: Parameters<Provider['interactionResult']>[2]) => {
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
    };

    const prompt = details.prompt.name;
    if (step === undefined) return prompt === 'login' ? loginView(200) : consentView(200);
    const form = await readForm(ctx.req);
    if (!form) return send(413, errorPage({ error: 'invalid_request', error_description: 'The form is too large.' }));

    if (step === 'login') {
      if (prompt !== 'login') return consentView(409, 'Você já entrou; escolha o que compartilhar.');
      const cpf = (form.get('cpf') ?? '').replace(/\D/g, '');
      if (cpf !== consent.loggedUser.document.identification)
        return loginView(400, 'Este CPF não é o do cliente que iniciou o pedido de consentimento.');
      await forgetOtherCustomer(provider, details, cpf);
      return finish({ login: { accountId: cpf, remember: false } });
    }

    if (prompt !== 'consent') return loginView(409, 'Entre com o seu CPF primeiro.');
    if (form.get('decision') === 'deny') {
      await deps.consents.reject(consent.consentId, 'USER', 'CUSTOMER_MANUALLY_REJECTED').catch(ignoreStatusChange);
      return finish({ error: 'access_denied', error_description: 'the customer rejected the consent' });
    }
    if (form.get('decision') !== 'approve') return consentView(400, 'Escolha Autorizar ou Recusar.');
    const chosenIds = new Set(form.getAll('resource'));
    const chosen = resources.filter((resource) => chosenIds.has(resource.id));
    if (chosen.length !== chosenIds.size) return consentView(400, 'Uma das contas escolhidas não é sua.');
    if (resources.length > 0 && chosen.length === 0) return consentView(400, 'Escolha ao menos uma conta ou contrato para compartilhar.');
    const grantId = await grantFor(provider, deps.resource, consent, String(details.params.client_id), String(details.params.scope));
    try {
      await deps.consents.authorise(consent.consentId, chosen, grantId);
    } catch (error) {
      if (!(error instanceof ConsentError)) throw error;
      return finish({ error: 'access_denied', error_description: `the consent can no longer be authorised (${error.message})` });
    }
    return finish({ consent: { grantId } });
  };
}

async function consentOf(deps: FlowDeps, details: Details): Promise<Consent | undefined> {
  const id = consentIdOf(details.params.scope as string | undefined);
  return id === undefined ? undefined : deps.consents.get(id);
}

function redirectOrigin(details: Details): string[] {
  try {
    return [new URL(String(details.params.redirect_uri)).origin];
  } catch {
    return [];
  }
}

function ignoreStatusChange(error: unknown): void {
  if (!(error instanceof ConsentError)) throw error;
}

/**
 * The browser may still be signed in as another customer (an earlier consent); oidc-provider would
 * then ask to log out first. Signing that customer out here lets the new one continue.
 */
async function forgetOtherCustomer(provider: Provider, details: Details, cpf: string): Promise<void> {
  const current = details.session;
  if (!current?.accountId || current.accountId === cpf || !current.uid) return;
  const session = await provider.Session.findByUid(current.uid);
  if (!session) return;
  session.accountId = undefined;
  await session.persist();
}

async function readForm(req: NodeJS.ReadableStream): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
