/**
 * Accounts routes (OFB Accounts and Opus Accounts): the customer's accounts,
 * their balances and limits, and statements filtered by booking window and
 * credit/debit indicator — lazily, whatever the statement's length.
 */
import type { DataAnswer } from '../api.ts';
import type { Account } from '../domain/account-model.ts';
import { accountsOf, balanceFacts, overdraftFacts } from '../domain/accounts.ts';
import { transactionFacts } from '../domain/statement.ts';
import { DAY_MS, isoDate, parseIsoDate, startOfDay } from '../schema/dates.ts';
import { itemAt } from '../random.ts';
import { LegacyFact, OMIT } from '../schema/plan.ts';
import { objectAnswer, pageAnswer, requestIds, requestString, type ResolveContext } from './render.ts';

export type AccountsRoute =
  'accounts' | 'account' | 'balances' | 'transactions' | 'transactions-current' | 'overdraft-limits' | 'account-discovery';

function accountListFacts(ctx: ResolveContext, account: Account): Record<string, unknown> {
  const institution = ctx.core.institution;
  return {
    brandName: institution.brandName,
    companyCnpj: institution.cnpj,
    type: account.type,
    compeCode: account.compeCode,
    branchCode: account.branchCode,
    number: account.number,
    checkDigit: account.checkDigit,
    accountId: new LegacyFact('accountId', account.id),
  };
}

function accountFacts(account: Account): Record<string, unknown> {
  return {
    compeCode: account.compeCode,
    branchCode: account.branchCode,
    number: account.number,
    checkDigit: account.checkDigit,
    type: account.type,
    subtype: account.subtype,
    currency: account.currency,
  };
}

function findRequestedAccount(ctx: ResolveContext): Account | DataAnswer {
  const ids = requestIds(ctx.request, 'accountId');
  const account = accountsOf(ctx.core).find((a) => ids.includes(a.id));
  if (account) return account;
  const shown = ids.length > 0 ? `'${ids[0]}'` : 'no accountId';
  return { kind: 'not-found', message: `Account ${shown} does not exist for this customer.` };
}

export function resolveAccounts(route: AccountsRoute, ctx: ResolveContext): DataAnswer {
  if (route === 'accounts') {
    const wanted = requestString(ctx.request, 'accountType');
    const accounts = accountsOf(ctx.core).filter((a) => !wanted || a.type === wanted);
    // Filtered, item i is the i-th account of that type: the same index means another account.
    return pageAnswer(ctx, accounts.length, 'accounts', (i) => accountListFacts(ctx, itemAt(accounts, i)), { stable: !wanted });
  }
  if (route === 'account-discovery') return objectAnswer(ctx, discoveryFacts(ctx), 'account-discovery');
  const found = findRequestedAccount(ctx);
  if ('kind' in found) return found;
  const account = found;
  switch (route) {
    case 'account':
      return objectAnswer(ctx, accountFacts(account), `account:${account.id}`);
    case 'balances':
      return objectAnswer(ctx, balanceFacts(account), `balances:${account.id}`);
    case 'overdraft-limits':
      return objectAnswer(
        ctx,
        account.overdraftLimitCents > 0
          ? overdraftFacts(account)
          : { overdraftContractedLimit: OMIT, overdraftUsedLimit: OMIT, unarrangedOverdraftAmount: OMIT },
        `overdraft:${account.id}`,
      );
    default:
      return statement(ctx, account, route === 'transactions-current');
  }
}

function discoveryFacts(ctx: ResolveContext): Record<string, unknown> {
  const customer = ctx.core.customer;
  return {
    resources: accountsOf(ctx.core).map((account, i) => ({
      resourceName: [
        {
          key: 'name',
          value: `${account.type === 'CONTA_POUPANCA' ? 'Poupança' : account.type === 'CONTA_PAGAMENTO_PRE_PAGA' ? 'Conta pré-paga' : 'Conta corrente'} ${account.branchCode}/${account.number}-${account.checkDigit}`,
        },
      ],
      resourceLegacyId: [{ key: 'accountId', value: account.id }],
      resourceBalanceCurrency: 'BRL',
      resourceBalanceAmount: account.ledger.currentBalanceCents() / 100,
      authorizers: [{ cpf: customer.cpf, name: customer.name }],
      defaultSelected: i === 0,
    })),
  };
}

/** The booking window asked for: both dates or neither (then today), zero-padded dates, from ≤ to. */
function bookingWindow(ctx: ResolveContext, current: boolean): { from: number; to: number } | DataAnswer {
  const fromText = requestString(ctx.request, 'fromBookingDate');
  const toText = requestString(ctx.request, 'toBookingDate');
  const today = startOfDay(ctx.core.now);
  if ((fromText === undefined) !== (toText === undefined)) {
    return {
      kind: 'unprocessable',
      code: 'PARAMETRO_NAO_INFORMADO',
      message: `fromBookingDate and toBookingDate go together; only ${fromText === undefined ? 'toBookingDate' : 'fromBookingDate'} was sent.`,
    };
  }
  const from = fromText === undefined ? today : parseIsoDate(fromText);
  const to = toText === undefined ? today : parseIsoDate(toText);
  if (from === undefined || to === undefined) {
    const bad = from === undefined ? `fromBookingDate '${fromText}'` : `toBookingDate '${toText}'`;
    return { kind: 'unprocessable', code: 'PARAMETRO_INVALIDO', message: `${bad} is not a date in yyyy-MM-dd form.` };
  }
  if (from > to)
    return { kind: 'unprocessable', code: 'PARAMETRO_INVALIDO', message: `fromBookingDate ${fromText} is after toBookingDate ${toText}.` };
  if (current) {
    const earliest = today - 6 * DAY_MS;
    if (from < earliest || to > today) {
      return {
        kind: 'unprocessable',
        code: 'PARAMETRO_INVALIDO',
        message: `transactions-current covers only the last 7 days (${isoDate(earliest)} to ${isoDate(today)}); the window ${isoDate(from)}..${isoDate(to)} is outside it.`,
      };
    }
  }
  return { from, to: to + DAY_MS };
}

function statement(ctx: ResolveContext, account: Account, current: boolean): DataAnswer {
  const window = bookingWindow(ctx, current);
  if ('kind' in window) return window;
  const indicator = requestString(ctx.request, 'creditDebitIndicator');
  const credit = indicator === 'CREDITO' ? true : indicator === 'DEBITO' ? false : undefined;
  const ledger = account.ledger;
  const first = ledger.indexAtOrAfter(window.from);
  const end = ledger.indexAtOrAfter(window.to);
  const before = ledger.countBefore(first, credit);
  const total = ledger.countBefore(end, credit) - before;
  return pageAnswer(ctx, total, `transactions:${account.id}`, (index) => transactionFacts(ctx.core, account, index), {
    indexAt: (position) => ledger.indexOfRank(before + position, credit),
    stable: true,
  });
}
