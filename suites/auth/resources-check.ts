/**
 * `consent-resources-listed`: the resources API lists resources of the types
 * the consent's permissions cover, each with a status the spec knows.
 */
import type { Finding } from '../result-model.ts';

/** Open Finance resource types by the permission that shares them. */
const TYPE_BY_PERMISSION: Record<string, string> = {
  ACCOUNTS_READ: 'ACCOUNT',
  CREDIT_CARDS_ACCOUNTS_READ: 'CREDIT_CARD_ACCOUNT',
  LOANS_READ: 'LOAN',
  FINANCINGS_READ: 'FINANCING',
  UNARRANGED_ACCOUNTS_OVERDRAFT_READ: 'UNARRANGED_ACCOUNT_OVERDRAFT',
  INVOICE_FINANCINGS_READ: 'INVOICE_FINANCING',
  BANK_FIXED_INCOMES_READ: 'BANK_FIXED_INCOME',
  CREDIT_FIXED_INCOMES_READ: 'CREDIT_FIXED_INCOME',
  VARIABLE_INCOMES_READ: 'VARIABLE_INCOME',
  TREASURE_TITLES_READ: 'TREASURE_TITLE',
  FUNDS_READ: 'FUND',
  EXCHANGES_READ: 'EXCHANGE',
};
const STATUSES = new Set(['AVAILABLE', 'UNAVAILABLE', 'TEMPORARILY_UNAVAILABLE', 'PENDING_AUTHORISATION']);

export function resourceFindings(body: unknown, permissions: readonly string[]): Finding[] {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return [{ message: 'the answer has no data list', path: '$.data', rule: 'type array' }];
  const allowed = new Set(permissions.map((p) => TYPE_BY_PERMISSION[p]).filter((t): t is string => t !== undefined));
  const findings: Finding[] = [];
  data.forEach((item: unknown, index) => {
    const { type, status } = (item ?? {}) as { type?: unknown; status?: unknown };
    if (typeof type !== 'string' || !allowed.has(type))
      findings.push({
        message: `data[${index}] is a ${String(type)}, which the consent's permissions do not share`,
        path: `$.data[${index}].type`,
        expected: [...allowed],
        actual: type,
      });
    if (typeof status !== 'string' || !STATUSES.has(status))
      findings.push({
        message: `data[${index}].status ${String(status)} is not a resource status`,
        path: `$.data[${index}].status`,
        expected: [...STATUSES],
        actual: status,
      });
  });
  return findings;
}
