/**
 * What `aferir run --auth <file>` says about the institution's authorization
 * server and the consent to ask for, once cli/run/auth-file.ts has read and
 * checked it. Keys and certificates are held as PEM/JWK text in memory only.
 */

/** How the customer approves: `auto` (the mock's `--consent auto`), `browser` (Playwright) or `manual` (you, in a browser). */
export type ApprovalMode = 'auto' | 'browser' | 'manual';

/** One step of the institution's consent page, run in order by the `browser` mode. */
export type BrowserStep = { fill: string; value: string } | { click: string } | { wait: string } | { waitMs: number };

export interface ConsentRequest {
  /** The logged user's CPF (11 digits). */
  cpf: string;
  /** A business entity's CNPJ (14 characters), for PJ consents. Default: none. */
  cnpj?: string;
  /** The permissions asked for, e.g. ACCOUNTS_READ, RESOURCES_READ. */
  permissions: string[];
  /** How long the consent lasts, in days. Default 90. */
  expiresInDays: number;
}

export interface AuthOptions {
  /** The issuer URL, or its discovery document's URL (`…/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** The client's private signing key, PEM (PKCS#8 or PKCS#1) or a JWK as JSON text. */
  privateKey: string;
  /** The key id sent in JWS headers. Default: the JWK's `kid`, or none. */
  keyId?: string;
  /** Client certificate, its key and the CA bundle to trust (PEM text), for mutual TLS. Default: none. */
  mtls: { cert?: string; key?: string; ca?: string };
  /** Do not verify the server certificate. Default false. */
  insecure: boolean;
  /** The redirect URI registered for the client. */
  redirectUri: string;
  /** Scopes asked for besides `openid` and the consent's own. Default: the ones the permissions need. */
  scopes?: string[];
  consent: ConsentRequest;
  /** The consents endpoint (`…/consents`). Default: found from a consents spec under the target's origin. */
  consentsUrl?: string;
  /** The resources endpoint (`…/resources`). Default: found like the consents endpoint; none = its check is skipped. */
  resourcesUrl?: string;
  approval: {
    mode: ApprovalMode;
    /** Steps on the consent page (`browser`). Default: none. */
    steps: BrowserStep[];
    /** The browser to run (`browser`). Default: $AFERIR_BROWSER, else /usr/bin/chromium. */
    browser?: string;
    /** How long approval may take, in ms. Default 300000 (manual), 60000 otherwise. */
    timeoutMs: number;
  };
}
