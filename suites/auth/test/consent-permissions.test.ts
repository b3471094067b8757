/**
 * The permissions the demo's consents ask for: one of each operation's
 * alternatives, completed to whole groups of the consents spec's table, so
 * the request is neither refused (a partial group) nor wider than needed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../../specs/load.ts';
import type { LoadedSpec } from '../../../specs/types.ts';
import { consentPermissionsFor } from '../consent-permissions.ts';

const specs: Record<string, LoadedSpec> = {};
beforeAll(async () => {
  for (const id of [
    'ofb-consents-3.3.1',
    'opin-consents-3.0.0',
    'ofb-accounts-2.4.1',
    'ofb-financings-2.3.0',
    'opin-financial-assistance-1.2.0',
    'opin-resources-3.0.0',
  ])
    specs[id] = await loadSpec(id);
}, 30_000);

const of = (consents: string, ...data: string[]) =>
  consentPermissionsFor(
    data.map((id) => specs[id]!),
    specs[consents]!,
  );

describe('consentPermissionsFor', () => {
  it("asks for every accounts permission and RESOURCES_READ, the accounts groups' union", () => {
    expect(of('ofb-consents-3.3.1', 'ofb-accounts-2.4.1')).toEqual([
      'ACCOUNTS_BALANCES_READ',
      'ACCOUNTS_OVERDRAFT_LIMITS_READ',
      'ACCOUNTS_READ',
      'ACCOUNTS_TRANSACTIONS_READ',
      'RESOURCES_READ',
    ]);
  });

  it("completes financings to the whole credit-operations group (loans, overdraft, invoice financings' permissions too)", () => {
    const asked = of('ofb-consents-3.3.1', 'ofb-financings-2.3.0');
    expect(asked).toHaveLength(17);
    for (const product of ['LOANS', 'FINANCINGS', 'UNARRANGED_ACCOUNTS_OVERDRAFT', 'INVOICE_FINANCINGS'])
      for (const part of ['', '_WARRANTIES', '_SCHEDULED_INSTALMENTS', '_PAYMENTS']) expect(asked).toContain(`${product}${part}_READ`);
    expect(asked).toContain('RESOURCES_READ');
    expect(asked.some((p) => p.startsWith('ACCOUNTS_'))).toBe(false);
  });

  it('gives a Resources API alone one whole group, not every group that holds RESOURCES_READ', () => {
    expect(of('opin-consents-3.0.0', 'opin-resources-3.0.0')).toEqual(['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'RESOURCES_READ']);
  });

  it('needs nothing more for the Resources API when another API already brings RESOURCES_READ', () => {
    expect(of('opin-consents-3.0.0', 'opin-financial-assistance-1.2.0', 'opin-resources-3.0.0')).toEqual([
      'FINANCIAL_ASSISTANCE_CONTRACTINFO_READ',
      'FINANCIAL_ASSISTANCE_MOVEMENTS_READ',
      'FINANCIAL_ASSISTANCE_READ',
      'RESOURCES_READ',
    ]);
  });
});
