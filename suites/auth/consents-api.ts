/**
 * The consents API as the flow uses it: the request body the Open Finance
 * consents spec defines (data.loggedUser, businessEntity, permissions,
 * expirationDateTime) and the three calls, each returning the raw answer so
 * the consents suite can judge it and the flow can insist on it.
 */
import { randomUUID } from 'node:crypto';
import type { ConsentRequest } from './auth-options.ts';

export interface ApiAnswer {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export type Send = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

/** The POST body for `consent`, its expiry counted from `now`. */
export function consentBody(consent: ConsentRequest, now: Date): { data: Record<string, unknown> } {
  const expiry = new Date(now.getTime() + consent.expiresInDays * 86_400_000);
  return {
    data: {
      loggedUser: { document: { identification: consent.cpf, rel: 'CPF' } },
      ...(consent.cnpj ? { businessEntity: { document: { identification: consent.cnpj, rel: 'CNPJ' } } } : {}),
      permissions: [...consent.permissions],
      expirationDateTime: rfc3339Seconds(expiry),
    },
  };
}

export function rfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function callApi(send: Send, method: string, url: string, token: string, body?: unknown): Promise<ApiAnswer> {
  const requestHeaders: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'x-fapi-interaction-id': randomUUID(),
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    // Open Finance's idempotency rule for POSTs (Open Insurance's consents require the header); a server that does not use it ignores it.
    ...(method === 'POST' ? { 'x-idempotency-key': randomUUID() } : {}),
  };
  const response = await send(url, { method, headers: requestHeaders, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return {
    method,
    url,
    requestHeaders,
    ...(body === undefined ? {} : { requestBody: body }),
    status: response.status,
    headers,
    text,
    json,
  };
}

/** `data.consentId` of an answer, when it has one. */
export function consentIdOf(answer: ApiAnswer): string | undefined {
  const data = (answer.json as { data?: { consentId?: unknown } } | undefined)?.data;
  return typeof data?.consentId === 'string' ? data.consentId : undefined;
}

/** `…/consents` + `/<id>`, the id percent-encoded (it is a URN with colons, which stay). */
export function consentUrl(consentsUrl: string, consentId: string): string {
  return `${consentsUrl.replace(/\/+$/, '')}/${encodeURIComponent(consentId).replace(/%3A/gi, ':')}`;
}
