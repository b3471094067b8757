/**
 * `--auth <file>` (or `auth:` in --config, a path or the same keys inline):
 * the institution's authorization server, our client and its keys, the
 * consent to ask for and how the customer approves, read and checked into
 * AuthOptions. Keys may be kebab-case or camelCase; key and certificate
 * fields take a file path (relative to the auth file) or the PEM/JWK itself.
 * Every mistake is one sentence naming the field (exit 2).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../specs/errors.ts';
import type { ApprovalMode, AuthOptions, BrowserStep } from '../../suites/auth/auth-options.ts';

const DEFAULT_EXPIRY_DAYS = 90;
const DEFAULT_TIMEOUT_MS: Record<ApprovalMode, number> = { auto: 60_000, browser: 60_000, manual: 300_000 };
const TOP_KEYS = [
  'issuer',
  'client-id',
  'private-key',
  'key-id',
  'mtls',
  'insecure',
  'redirect-uri',
  'scopes',
  'consent',
  'consents-url',
  'consents-spec',
  'resources-url',
  'approval',
];

export interface AuthFile {
  options: AuthOptions;
  /** The mutual-TLS files as paths, for the data suites' HTTP client when --cert/--key/--ca are not given. */
  files: { cert?: string; key?: string; ca?: string };
  /** A consents spec reference (catalogue id, file or URL) from `consents-spec`. */
  consentsSpec?: string;
}

/** Reads `--auth <file>` (`source` names it in messages: `--auth auth.yaml`). */
export async function readAuthFile(file: string, cwd: string): Promise<AuthFile> {
  const absolute = path.resolve(cwd, file);
  const text = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--auth file ${file} cannot be read (${error.code ?? error.message}).`, { cause: error });
  });
  let document: unknown;
  try {
    document = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`--auth file ${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return parseAuth(document, `--auth file ${file}`, path.dirname(absolute));
}

/** Checks an auth document (from a file or --config's `auth:`); `where` starts every message, `base` resolves relative paths. */
export async function parseAuth(document: unknown, where: string, base: string): Promise<AuthFile> {
  const fields = objectOf(document, where, 'the file');
  const fail = (field: string, what: string): never => {
    throw new UsageError(`${where}: ${field} ${what}.`);
  };
  for (const key of Object.keys(fields))
    if (!TOP_KEYS.includes(key)) fail(key, `is not an option; the options are: ${TOP_KEYS.join(', ')}`);

  const issuer = urlOf(fields.issuer, 'issuer', fail, 'the issuer URL or its .well-known/openid-configuration URL');
  const clientId = textOf(fields['client-id'], 'client-id', fail);
  const redirectUri = urlOf(fields['redirect-uri'], 'redirect-uri', fail, 'the redirect URI registered for the client');
  const readSecret = async (value: unknown, field: string): Promise<{ text: string; file?: string } | undefined> => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return { text: JSON.stringify(value) };
    if (typeof value !== 'string' || value.trim() === '') return fail(field, 'must be a file path, a PEM text or a JWK');
    if (/^-----BEGIN /.test(value.trim()) || value.trim().startsWith('{')) return { text: value };
    const file = path.resolve(base, value);
    try {
      return { text: await readFile(file, 'utf8'), file };
    } catch (error) {
      return fail(field, `names ${value}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const privateKey = await readSecret(fields['private-key'], 'private-key');
  if (!privateKey) fail('private-key', "is required: the client's signing key (a PEM or JWK file)");
  const mtlsFields = fields.mtls === undefined ? {} : objectOf(fields.mtls, where, 'mtls');
  for (const key of Object.keys(mtlsFields))
    if (!['cert', 'key', 'ca'].includes(key)) fail(`mtls.${key}`, 'is not an option; mtls takes cert, key and ca');
  const [cert, key, ca] = await Promise.all(['cert', 'key', 'ca'].map((name) => readSecret(mtlsFields[name], `mtls.${name}`)));
  if ((cert === undefined) !== (key === undefined))
    fail(cert ? 'mtls.key' : 'mtls.cert', 'is missing: mutual TLS needs both mtls.cert and mtls.key');

  const approval = parseApproval(fields.approval, where, fail, redirectUri);
  const options: AuthOptions = {
    issuer,
    clientId,
    privateKey: privateKey!.text,
    ...(fields['key-id'] === undefined ? {} : { keyId: textOf(fields['key-id'], 'key-id', fail) }),
    mtls: { ...(cert ? { cert: cert.text } : {}), ...(key ? { key: key.text } : {}), ...(ca ? { ca: ca.text } : {}) },
    insecure: booleanOf(fields.insecure, 'insecure', fail) ?? false,
    redirectUri,
    ...(fields.scopes === undefined ? {} : { scopes: listOf(fields.scopes, 'scopes', fail) }),
    consent: parseConsent(fields.consent, where, fail),
    ...(fields['consents-url'] === undefined
      ? {}
      : { consentsUrl: urlOf(fields['consents-url'], 'consents-url', fail, 'the consents endpoint') }),
    ...(fields['resources-url'] === undefined
      ? {}
      : { resourcesUrl: urlOf(fields['resources-url'], 'resources-url', fail, 'the resources endpoint') }),
    approval,
  };
  const consentsSpec = fields['consents-spec'] === undefined ? undefined : textOf(fields['consents-spec'], 'consents-spec', fail);
  return {
    options,
    files: { ...(cert?.file ? { cert: cert.file } : {}), ...(key?.file ? { key: key.file } : {}), ...(ca?.file ? { ca: ca.file } : {}) },
    ...(consentsSpec === undefined
      ? {}
      : {
          consentsSpec:
            /[\\/]|\.(ya?ml|json)$/i.test(consentsSpec) && !/^https?:/i.test(consentsSpec)
              ? path.resolve(base, consentsSpec)
              : consentsSpec,
        }),
  };
}

type Fail = (field: string, what: string) => never;

function parseConsent(value: unknown, where: string, fail: Fail): AuthOptions['consent'] {
  if (value === undefined) fail('consent', "is required: the logged user's cpf and the permissions to ask for");
  const fields = objectOf(value, where, 'consent');
  for (const key of Object.keys(fields))
    if (!['cpf', 'cnpj', 'permissions', 'expires-in-days'].includes(key))
      fail(`consent.${key}`, 'is not an option; consent takes cpf, cnpj, permissions and expires-in-days');
  const cpf = String(fields.cpf ?? '').replace(/[.-]/g, '');
  if (!/^\d{11}$/.test(cpf)) fail('consent.cpf', "must be the logged user's CPF, 11 digits");
  const cnpj = fields.cnpj === undefined ? undefined : String(fields.cnpj).replace(/[./-]/g, '');
  if (cnpj !== undefined && !/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) fail('consent.cnpj', 'must be a CNPJ of 14 characters');
  const permissions = listOf(fields.permissions, 'consent.permissions', fail);
  if (permissions.length === 0 || permissions.some((p) => !/^[A-Z][A-Z_]*_READ$/.test(p)))
    fail('consent.permissions', 'must be a list of permission names, e.g. [ACCOUNTS_READ, ACCOUNTS_BALANCES_READ, RESOURCES_READ]');
  const days = fields['expires-in-days'] === undefined ? DEFAULT_EXPIRY_DAYS : Number(fields['expires-in-days']);
  if (!Number.isFinite(days) || days <= 0) fail('consent.expires-in-days', 'must be a positive number of days');
  return { cpf, ...(cnpj ? { cnpj } : {}), permissions, expiresInDays: days };
}

function parseApproval(value: unknown, where: string, fail: Fail, redirectUri: string): AuthOptions['approval'] {
  const fields = value === undefined ? {} : typeof value === 'string' ? { mode: value } : objectOf(value, where, 'approval');
  for (const key of Object.keys(fields))
    if (!['mode', 'steps', 'browser', 'timeout'].includes(key))
      fail(`approval.${key}`, 'is not an option; approval takes mode, steps, browser and timeout');
  const mode = fields.mode ?? 'auto';
  if (mode !== 'auto' && mode !== 'browser' && mode !== 'manual')
    fail('approval.mode', `must be auto, browser or manual; got '${String(mode)}'`);
  const approvalMode = mode as ApprovalMode;
  if (approvalMode === 'manual' && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(redirectUri).hostname))
    fail('redirect-uri', 'must be a loopback address (http://127.0.0.1:PORT/…) for approval manual, where aferir listens for the redirect');
  const timeout = fields.timeout === undefined ? DEFAULT_TIMEOUT_MS[approvalMode] : Number(fields.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) fail('approval.timeout', 'must be a positive number of milliseconds');
  const rawSteps = fields.steps === undefined ? [] : fields.steps;
  if (!Array.isArray(rawSteps)) fail('approval.steps', 'must be a list of steps ({fill, value}, {click}, {wait})');
  if (approvalMode === 'browser' && (rawSteps as unknown[]).length === 0)
    fail('approval.steps', 'are required for approval browser: the steps that approve on the consent page');
  const steps = (rawSteps as unknown[]).map((step, index) => stepOf(step, `approval.steps[${index}]`, fail));
  const browser = fields.browser === undefined ? undefined : textOf(fields.browser, 'approval.browser', fail);
  return { mode: approvalMode, steps, ...(browser ? { browser } : {}), timeoutMs: timeout };
}

function stepOf(value: unknown, field: string, fail: Fail): BrowserStep {
  const step = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  if (typeof step.fill === 'string' && step.value !== undefined) return { fill: step.fill, value: String(step.value) };
  if (typeof step.click === 'string') return { click: step.click };
  if (typeof step.wait === 'string') return { wait: step.wait };
  if (typeof step.wait === 'number' && step.wait >= 0) return { waitMs: step.wait };
  return fail(field, 'must be {fill: selector, value: text}, {click: selector}, {wait: selector} or {wait: milliseconds}');
}

function objectOf(value: unknown, where: string, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${where}: ${field} must be a map of options, not ${Array.isArray(value) ? 'a list' : String(value)}.`);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(), inner]));
}

function textOf(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' && typeof value !== 'number') return fail(field, 'is required (a text value)');
  const text = String(value).trim();
  return text === '' ? fail(field, 'must not be empty') : text;
}

function urlOf(value: unknown, field: string, fail: Fail, what: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return fail(field, `is required: ${what}`);
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return fail(field, `must be an http(s) URL (${what}); got '${text}'`);
  }
  return text;
}

function listOf(value: unknown, field: string, fail: Fail): string[] {
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : fail(field, 'must be a list');
  return items.map((item) => String(item).trim()).filter(Boolean);
}

function booleanOf(value: unknown, field: string, fail: Fail): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return fail(field, 'must be true or false');
}
