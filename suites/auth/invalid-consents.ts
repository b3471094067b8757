/**
 * The invalid consents of the Open Finance consents API, one per 422 code the
 * spec lists for POST consents: each is the valid request with one rule of
 * the consent broken. Only the codes the loaded spec names are tried (all of
 * them when no consents spec is known).
 */
import type { LoadedSpec } from '../../specs/types.ts';
import type { ConsentRequest } from './auth-options.ts';
import { consentBody, rfc3339Seconds } from './consents-api.ts';

export interface InvalidConsent {
  /** The 422 code the spec assigns to this defect. */
  code: string;
  /** One sentence: what is wrong with it. */
  description: string;
  body(consent: ConsentRequest, now: Date): { data: Record<string, unknown> };
}

/** A CNPJ with valid check digits, for PJ cases when the auth file names none. */
const SAMPLE_CNPJ = '11222333000181';

const withData = (consent: ConsentRequest, now: Date, change: (data: Record<string, unknown>) => void) => {
  const body = consentBody(consent, now);
  change(body.data);
  return body;
};

export const INVALID_CONSENTS: readonly InvalidConsent[] = [
  {
    code: 'COMBINACAO_PERMISSOES_INCORRETA',
    description: 'an incomplete permission group (account permissions without RESOURCES_READ)',
    body: (consent, now) => withData(consent, now, (data) => (data.permissions = ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ'])),
  },
  {
    code: 'PERMISSAO_PF_PJ_EM_CONJUNTO',
    description: 'personal and business customer permissions together',
    body: (consent, now) =>
      withData(consent, now, (data) => {
        data.permissions = ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'RESOURCES_READ'];
        data.businessEntity = { document: { identification: consent.cnpj ?? SAMPLE_CNPJ, rel: 'CNPJ' } };
      }),
  },
  {
    code: 'INFORMACOES_PJ_NAO_INFORMADAS',
    description: 'business customer permissions without a businessEntity',
    body: (consent, now) =>
      withData(consent, now, (data) => {
        data.permissions = ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'RESOURCES_READ'];
        delete data.businessEntity;
      }),
  },
  {
    code: 'DATA_EXPIRACAO_INVALIDA',
    description: 'an expirationDateTime in the past',
    body: (consent, now) =>
      withData(consent, now, (data) => (data.expirationDateTime = rfc3339Seconds(new Date(now.getTime() - 86_400_000)))),
  },
];

/** The 422 codes the spec's POST consents declares, or undefined when it declares none we can read. */
export function documented422Codes(spec: LoadedSpec | undefined, operationId: string | undefined): string[] | undefined {
  const operation = spec?.operations.find((op) => op.id === operationId);
  const response = operation?.responses.find((r) => r.status === '422');
  const codes = new Set<string>();
  for (const media of response?.content ?? []) collectCodeEnums(media.schema, codes, 0);
  return codes.size > 0 ? [...codes] : undefined;
}

/** `errors[].code.enum` anywhere in the 422 schema (it sits under allOf/oneOf in some versions). */
function collectCodeEnums(schema: unknown, into: Set<string>, depth: number): void {
  if (depth > 12 || typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  const code = (node.properties as Record<string, { enum?: unknown }> | undefined)?.code;
  if (Array.isArray(code?.enum)) for (const value of code.enum) if (typeof value === 'string') into.add(value);
  for (const value of Object.values(node)) collectCodeEnums(value, into, depth + 1);
}
