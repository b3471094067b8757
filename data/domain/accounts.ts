/**
 * The customer's deposit, savings and prepaid accounts at the transmitting
 * institution: identification, balances, overdraft limits and the statement
 * (a Ledger per account). Shared by OFB Accounts and Opus Accounts, so both
 * show the same accounts for the same seed.
 */
import { bankAccountNumber } from '../brazil/banks.ts';
import { hashString, mix, rngFor, unit } from '../random.ts';
import { DAY_MS } from '../schema/dates.ts';
import type { Account, AccountType } from './account-model.ts';
import { money } from './amounts.ts';
import type { WorldCore } from './core.ts';
import { Ledger } from './ledger.ts';
import { entryShape } from './statement.ts';

/** Entries per day by account type: a checking account is busy, a savings account is not. */
const ACTIVITY: Record<AccountType, [number, number]> = {
  CONTA_DEPOSITO_A_VISTA: [2, 6],
  CONTA_POUPANCA: [0.05, 0.2],
  CONTA_PAGAMENTO_PRE_PAGA: [0.3, 1.5],
};

export function accountsOf(core: WorldCore): Account[] {
  return core.once('accounts', () => {
    const rng = rngFor(core.hash, 'accounts');
    const types: AccountType[] = ['CONTA_DEPOSITO_A_VISTA'];
    if (rng.chance(0.7)) types.push('CONTA_POUPANCA');
    if (rng.chance(0.4)) types.push('CONTA_PAGAMENTO_PRE_PAGA');
    if (rng.chance(0.3)) types.push('CONTA_DEPOSITO_A_VISTA');
    const compe = core.institution.bank.compe;
    const branch = bankAccountNumber(rng, compe).branch;
    return types.map((type, i) => makeAccount(core, type, i, branch));
  });
}

function makeAccount(core: WorldCore, type: AccountType, index: number, branch: string): Account {
  const rng = rngFor(core.hash, 'account', index);
  const compe = core.institution.bank.compe;
  // Same branch for all of the customer's accounts, as banks do; the digit is computed with that branch.
  const numbering = bankAccountNumber(rng, compe, branch);
  const openedAt = core.now - rng.int(200, 2200) * DAY_MS;
  const [lowRate, highRate] = ACTIVITY[type];
  const perDay = rng.float(lowRate, highRate);
  const days = (core.now - openedAt) / DAY_MS;
  const booked = core.transactionsPerAccount ?? Math.max(3, Math.round(perDay * days));
  const income = core.customer.monthlyIncomeCents;
  const scale = type === 'CONTA_POUPANCA' ? income * rng.float(1, 6) : income * rng.float(0.4, 1.2);
  const key = core.key(`ledger:${index}`);
  const typeKey = mix(key, 7);
  const id = rng.uuid();
  return {
    id,
    idPrefix: hashString(id).toString(16).padStart(8, '0'),
    type,
    subtype: index === 0 ? 'INDIVIDUAL' : rng.pick(['INDIVIDUAL', 'INDIVIDUAL', 'CONJUNTA_SIMPLES', 'CONJUNTA_SOLIDARIA'] as const),
    compeCode: compe,
    branchCode: branch,
    number: numbering.account.padStart(8, '0'),
    checkDigit: numbering.checkDigit,
    currency: 'BRL',
    openedAt,
    ledger: new Ledger({
      key,
      start: openedAt,
      now: core.now,
      booked,
      scheduled: type === 'CONTA_DEPOSITO_A_VISTA' ? rng.int(6, 30) : type === 'CONTA_POUPANCA' ? 0 : rng.int(0, 6),
      scaleCents: Math.round(scale),
      creditsPerPeriod: type === 'CONTA_POUPANCA' ? rng.int(10, 16) : rng.int(6, 10),
      shape: (entry, credit, u) => entryShape(type, typeKey, entry, credit, u),
    }),
    typeKey,
    blockedCents: rng.chance(0.2) ? rng.int(1, 500) * 100 : 0,
    investedCents: type === 'CONTA_DEPOSITO_A_VISTA' && rng.chance(0.3) ? Math.round(unit(key, 9) * income) : 0,
    overdraftLimitCents: type === 'CONTA_DEPOSITO_A_VISTA' ? rng.int(5, 80) * 10_000 : 0,
  };
}

export function balanceFacts(account: Account): Record<string, unknown> {
  const ledger = account.ledger;
  const last = ledger.booked > 0 ? ledger.time(ledger.booked - 1) : account.openedAt;
  return {
    availableAmount: { amount: money(ledger.currentBalanceCents()), currency: 'BRL' },
    blockedAmount: { amount: money(account.blockedCents), currency: 'BRL' },
    automaticallyInvestedAmount: { amount: money(account.investedCents), currency: 'BRL' },
    updateDateTime: new Date(last),
  };
}

/** Arranged limit, the part of it in use (a negative balance), and what went beyond it. */
export function overdraftFacts(account: Account): Record<string, unknown> {
  const balance = account.ledger.currentBalanceCents();
  const limit = account.overdraftLimitCents;
  const used = balance < 0 ? Math.min(-balance, limit) : 0;
  const beyond = balance < 0 ? Math.max(0, -balance - limit) : 0;
  return {
    overdraftContractedLimit: { amount: money(limit), currency: 'BRL' },
    overdraftUsedLimit: { amount: money(used), currency: 'BRL' },
    unarrangedOverdraftAmount: { amount: money(beyond), currency: 'BRL' },
  };
}
