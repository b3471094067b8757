/**
 * Which domain model answers an operation: by operationId (the OFB, Opus and
 * OPIN documents share them across variants and versions), then by path
 * shape, then the generic resolver.
 */
import { profileOf } from '../../families/index.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { DataAnswer } from '../api.ts';
import { resolveAccounts, type AccountsRoute } from './accounts.ts';
import { resolveFinancings, type FinancingsRoute } from './financings.ts';
import { resolveGeneric } from './generic.ts';
import { resolveInsurance, type InsuranceRoute } from './insurance.ts';
import { resolveOriginator } from './originator.ts';
import { resolveAggregator } from './aggregator.ts';
import { resolveAccountHolder } from './commons.ts';
import type { ResolveContext } from './render.ts';

export type Resolver = (ctx: ResolveContext) => DataAnswer;

const accounts =
  (route: AccountsRoute): Resolver =>
  (ctx) =>
    resolveAccounts(route, ctx);

const financings =
  (route: FinancingsRoute): Resolver =>
  (ctx) =>
    resolveFinancings(route, ctx);

const insurance =
  (route: InsuranceRoute): Resolver =>
  (ctx) =>
    resolveInsurance(route, ctx);

const BY_OPERATION_ID: Record<string, Resolver> = {
  getApplication: resolveOriginator,
  listAccounts: resolveAggregator,
  checkAccountHolderStatus: resolveAccountHolder,
  getInsuranceFinancialAssistance: insurance('contracts'),
  getInsuranceFinancialAssistanceContractInfo: insurance('contract-info'),
  getInsuranceFinancialAssistanceMovements: insurance('movements'),
  financingsGetContracts: financings('contracts'),
  financingsGetContractsContractId: financings('contract'),
  financingsGetContractsContractIdWarranties: financings('warranties'),
  financingsGetContractsContractIdScheduledInstalments: financings('scheduled-instalments'),
  financingsGetContractsContractIdPayments: financings('payments'),
  discoverFinancings: financings('discovery'),
  accountsGetAccounts: accounts('accounts'),
  accountsGetAccountsAccountId: accounts('account'),
  accountsGetAccountsAccountIdBalances: accounts('balances'),
  accountsGetAccountsAccountIdTransactions: accounts('transactions'),
  accountsGetAccountsAccountIdTransactionsCurrent: accounts('transactions-current'),
  accountsGetAccountsAccountIdOverdraftLimits: accounts('overdraft-limits'),
  discoverAccounts: accounts('account-discovery'),
};

/** Path shapes for specs whose operationIds differ from the official ones. */
const BY_PATH: Array<[RegExp, Resolver]> = [
  [/\/accounts$/, accounts('accounts')],
  [/\/accounts\/\{[^}]+\}$/, accounts('account')],
  [/\/accounts\/\{[^}]+\}\/balances$/, accounts('balances')],
  [/\/accounts\/\{[^}]+\}\/transactions$/, accounts('transactions')],
  [/\/accounts\/\{[^}]+\}\/transactions-current$/, accounts('transactions-current')],
  [/\/accounts\/\{[^}]+\}\/overdraft-limits$/, accounts('overdraft-limits')],
  [/\/contracts$/, financings('contracts')],
  [/\/contracts\/\{[^}]+\}$/, financings('contract')],
  [/\/contracts\/\{[^}]+\}\/warranties$/, financings('warranties')],
  [/\/contracts\/\{[^}]+\}\/scheduled-instalments$/, financings('scheduled-instalments')],
  [/\/contracts\/\{[^}]+\}\/payments$/, financings('payments')],
];

const cache = new WeakMap<Operation, Resolver>();

export function resolverFor(spec: LoadedSpec, operation: Operation): Resolver {
  let resolver = cache.get(operation);
  if (!resolver) {
    resolver =
      BY_OPERATION_ID[operation.id] ??
      (profileOf(spec).domain.byPathShape ? BY_PATH.find(([shape]) => shape.test(operation.path))?.[1] : undefined) ??
      resolveGeneric;
    cache.set(operation, resolver);
  }
  return resolver;
}
