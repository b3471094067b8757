/**
 * The pages a customer sees during `--consent page`: sign in with the CPF,
 * choose what to share and approve or deny, and the error page. Our own small
 * templates: every value escaped, no script, no external asset, and a
 * Content-Security-Policy that allows only the inline stylesheet (by hash)
 * and form posts to this server and to the client's redirect URI.
 */
import { createHash } from 'node:crypto';
import type { Consent, ConsentResource } from './consent.ts';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.4rem 0}input[type=text]{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.5rem 1.2rem;margin:1rem .5rem 0 0;border-radius:4px;border:1px solid #0b5;background:#0b5;color:#fff}
button.secondary{background:#fff;color:#a11;border-color:#a11}.error{color:#a11;font-weight:600}
ul{padding-left:1.2rem}code{font-size:.85rem}fieldset{border:1px solid #ccd;border-radius:4px;margin:.8rem 0}`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The headers every page goes out with; `formTargets` are the origins a form may post or be redirected to. */
export function pageHeaders(formTargets: string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      `form-action 'self' ${formTargets.map((origin) => origin.replace(/[^A-Za-z0-9:/.[\]-]/g, '')).join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  };
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface LoginPageInput {
  action: string;
  clientName: string;
  error?: string;
}

export function loginPage(input: LoginPageInput): string {
  return layout(
    'Entrar — aferir mock',
    `<h1>Entrar no banco</h1>
<p><strong>${escapeHtml(input.clientName)}</strong> pede acesso aos seus dados pelo Open Finance. Entre com o seu CPF para continuar.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
<label for="cpf">CPF</label><input type="text" id="cpf" name="cpf" inputmode="numeric" autocomplete="off" required maxlength="14">
<button type="submit" id="login">Entrar</button></form>`,
  );
}

export interface ConsentPageInput {
  action: string;
  clientName: string;
  consent: Consent;
  resources: ConsentResource[];
  error?: string;
}

export function consentPage(input: ConsentPageInput): string {
  const { consent } = input;
  const choices =
    input.resources.length === 0
      ? '<p>Este pedido não inclui contas nem contratos.</p>'
      : `<fieldset><legend>Escolha o que compartilhar</legend>${input.resources
          .map(
            (resource) =>
              `<label><input type="checkbox" name="resource" value="${escapeHtml(resource.id)}" id="resource-${escapeHtml(resource.id)}"> ${escapeHtml(resource.label)} <small>(${escapeHtml(resource.type)})</small></label>`,
          )
          .join('\n')}</fieldset>`;
  return layout(
    'Autorizar compartilhamento — aferir mock',
    `<h1>Autorizar compartilhamento</h1>
<p><strong>${escapeHtml(input.clientName)}</strong> pede acesso a estes dados${
      consent.expirationDateTime ? ` até <time>${escapeHtml(consent.expirationDateTime)}</time>` : ' sem data de término'
    }:</p>
<ul>${consent.permissions.map((permission) => `<li><code>${escapeHtml(permission)}</code></li>`).join('')}</ul>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
${choices}
<button type="submit" name="decision" value="approve" id="approve">Autorizar</button>
<button type="submit" name="decision" value="deny" id="deny" class="secondary" formnovalidate>Recusar</button>
</form>`,
  );
}

export function errorPage(fields: Record<string, unknown>): string {
  return layout(
    'Erro — aferir mock',
    `<h1>Não foi possível continuar</h1>${Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `<p><strong>${escapeHtml(name)}</strong>: ${escapeHtml(value)}</p>`)
      .join('')}`,
  );
}
