/**
 * The resources each domain model answers, by the shape of their resource path (the
 * operation's path, or the one its family says it serves). Open Finance fixes these
 * paths per API, so a renamed operation or a new version of the same API is still
 * recognised; a family only gets the models its profile lists.
 */
import type { DomainModel } from '../../families/family-profile.ts';
import type { DataAnswer } from '../api.ts';
import { resolveAccounts, type AccountsRoute } from './accounts.ts';
import { resolveFinancings, type FinancingsRoute } from './financings.ts';
import { resolveInsurance, type InsuranceRoute } from './insurance.ts';
import { resolveOriginator } from './originator.ts';
import { resolveAggregator } from './aggregator.ts';
import { resolveAccountHolder } from './commons.ts';
import type { ResolveContext } from './render.ts';

export type Resolver = (ctx: ResolveContext) => DataAnswer;

interface DomainRoute {
  model: DomainModel;
  shape: RegExp;
  resolver: Resolver;
}

const accounts = (shape: RegExp, route: AccountsRoute): DomainRoute => ({
  model: 'accounts',
  shape,
  resolver: (ctx) => resolveAccounts(route, ctx),
});
const credit = (shape: RegExp, route: FinancingsRoute): DomainRoute => ({
  model: 'credit-contracts',
  shape,
  resolver: (ctx) => resolveFinancings(route, ctx),
});
const assistance = (shape: RegExp, route: InsuranceRoute): DomainRoute => ({
  model: 'insurance-assistance',
  shape,
  resolver: (ctx) => resolveInsurance(route, ctx),
});

const ID = String.raw`\{[^}]+\}`;
const at = (path: string): RegExp => new RegExp(`${path.replaceAll('{id}', ID)}$`);

export const DOMAIN_ROUTES: readonly DomainRoute[] = [
  accounts(at('/accounts'), 'accounts'),
  accounts(at('/accounts/{id}'), 'account'),
  accounts(at('/accounts/{id}/balances'), 'balances'),
  accounts(at('/accounts/{id}/transactions'), 'transactions'),
  accounts(at('/accounts/{id}/transactions-current'), 'transactions-current'),
  accounts(at('/accounts/{id}/overdraft-limits'), 'overdraft-limits'),
  accounts(at('/account-discovery'), 'account-discovery'),
  credit(at('/contracts'), 'contracts'),
  credit(at('/contracts/{id}'), 'contract'),
  credit(at('/contracts/{id}/warranties'), 'warranties'),
  credit(at('/contracts/{id}/scheduled-instalments'), 'scheduled-instalments'),
  credit(at('/contracts/{id}/payments'), 'payments'),
  credit(at('/discovery'), 'discovery'),
  assistance(at('/insurance-financial-assistance/contracts'), 'contracts'),
  assistance(at('/insurance-financial-assistance/{id}/contract-info'), 'contract-info'),
  assistance(at('/insurance-financial-assistance/{id}/movements'), 'movements'),
  { model: 'applications', shape: at('/applications/{id}'), resolver: resolveOriginator },
  // Django REST framework lists end in a slash: Belvo's `/api/accounts/`.
  { model: 'aggregated-accounts', shape: at('/accounts/'), resolver: resolveAggregator },
  { model: 'account-holder', shape: at('/check-account-holder'), resolver: resolveAccountHolder },
];
