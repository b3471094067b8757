/**
 * The consent permission each Opus route needs. The Opus documents carry no
 * permission table, but each route is the Open Finance endpoint of the same
 * operationId, so it needs that endpoint's permission (the Open Finance
 * Accounts 2.4.1 and Financings 2.3.0 tables). The discovery routes run while
 * a consent is being built and need none.
 */
import type { Operation } from '../../specs/types.ts';

const BY_OPERATION_ID: Record<string, string[]> = {
  accountsGetAccounts: ['ACCOUNTS_READ'],
  accountsGetAccountsAccountId: ['ACCOUNTS_READ'],
  accountsGetAccountsAccountIdBalances: ['ACCOUNTS_BALANCES_READ'],
  accountsGetAccountsAccountIdTransactions: ['ACCOUNTS_TRANSACTIONS_READ'],
  accountsGetAccountsAccountIdTransactionsCurrent: ['ACCOUNTS_TRANSACTIONS_READ'],
  accountsGetAccountsAccountIdOverdraftLimits: ['ACCOUNTS_OVERDRAFT_LIMITS_READ'],
  financingsGetContracts: ['FINANCINGS_READ'],
  financingsGetContractsContractId: ['FINANCINGS_READ'],
  financingsGetContractsContractIdWarranties: ['FINANCINGS_WARRANTIES_READ'],
  financingsGetContractsContractIdScheduledInstalments: ['FINANCINGS_SCHEDULED_INSTALMENTS_READ'],
  financingsGetContractsContractIdPayments: ['FINANCINGS_PAYMENTS_READ'],
};

export function opusPermissions(operation: Operation): string[] {
  return BY_OPERATION_ID[operation.id] ?? operation.permissions;
}
