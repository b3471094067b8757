/**
 * The permission an Opus route needs is spelled from its API word and resource path, and
 * must be one the route's body enumerates as a consent permission. The operations here are
 * synthetic (the Open Finance naming applied to APIs the bundled specs do not carry).
 */
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../specs/types.ts';
import { opusPermissions } from '../permissions.ts';

const ENUM = [
  'ACCOUNTS_READ',
  'ACCOUNTS_BALANCES_READ',
  'ACCOUNTS_TRANSACTIONS_READ',
  'CREDIT_CARDS_ACCOUNTS_READ',
  'CREDIT_CARDS_ACCOUNTS_BILLS_READ',
  'CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ',
  'LOANS_READ',
  'LOANS_PAYMENTS_READ',
  'BANK_FIXED_INCOMES_READ',
  'FUNDS_READ',
  'RESOURCES_READ',
];

function route(id: string, permissionEnum: string[] = ENUM, permissions: string[] = []): Operation {
  const body = {
    type: 'object',
    properties: {
      consent: {
        allOf: [{ type: 'object', properties: { permissions: { type: 'array', items: { type: 'string', enum: permissionEnum } } } }],
      },
    },
  };
  return {
    id,
    method: 'POST',
    path: '/x',
    parameters: [],
    requestBody: { required: true, content: [{ mediaType: 'application/json', schema: body }] },
    responses: [],
    permissions,
    security: [],
    pointer: '',
  } as unknown as Operation;
}

describe('Opus permissions spelled like Open Finance names them', () => {
  it.each([
    ['accountsGetAccounts', 'ACCOUNTS_READ'],
    ['accountsGetAccountsAccountIdBalances', 'ACCOUNTS_BALANCES_READ'],
    // A -current resource shares the permission of its base resource.
    ['accountsGetAccountsAccountIdTransactionsCurrent', 'ACCOUNTS_TRANSACTIONS_READ'],
    // The collection segment is part of the name where the enum spells it so…
    ['creditCardsGetAccountsCreditCardAccountIdBillsBillIdTransactions', 'CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ'],
    // …and left out where it does not.
    ['loansGetContracts', 'LOANS_READ'],
    ['loansGetContractsContractIdPayments', 'LOANS_PAYMENTS_READ'],
    // A resource with no permission of its own needs the API's.
    ['fundsGetInvestmentsInvestmentIdBalances', 'FUNDS_READ'],
    // The documents misspell some API words: a single letter away still names the permission.
    ['banktFixedIncomesGetInvestmentsInvestmentId', 'BANK_FIXED_INCOMES_READ'],
  ])('%s needs %s', (id, permission) => {
    expect(opusPermissions(route(id))).toEqual([permission]);
  });

  it.each(['discoverAccounts', 'checkAccountHolderStatus', 'exchangesGetOperations'])('%s needs none (no enumerated spelling)', (id) => {
    expect(opusPermissions(route(id))).toEqual([]);
  });

  it('needs none when the body enumerates no permission', () => {
    expect(opusPermissions(route('accountsGetAccountsAccountIdBalances', []))).toEqual([]);
  });

  it('a permission table in the spec wins over the spelling', () => {
    expect(opusPermissions(route('accountsGetAccountsAccountIdBalances', ENUM, ['ACCOUNTS_READ']))).toEqual(['ACCOUNTS_READ']);
  });

  it('two enumerated names a letter away from the spelling are ambiguous: none is taken', () => {
    expect(opusPermissions(route('fundGetInvestments', ['FUNDS_READ', 'FUNDX_READ']))).toEqual([]);
  });
});
