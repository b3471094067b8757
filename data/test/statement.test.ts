/**
 * Statements: balances reconcile with the entries to the cent, entries are
 * dated inside the requested window, sorted and uniquely identified, the
 * credit/debit filter selects exactly the matching entries, windows outside
 * D-6..D are refused on transactions-current, and a million-entry account
 * serves page 40,000 as readily as page 1.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/load.ts';
import { findOperation } from '../../specs/lookup.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { World } from '../api.ts';
import { accountsOf } from '../domain/accounts.ts';
import type { WorldCore } from '../domain/core.ts';
import { Ledger, PERIOD } from '../domain/ledger.ts';
import { createWorld } from '../index.ts';
import { NOW } from './helpers.ts';

type Entry = {
  transactionId: string;
  creditDebitType: string;
  transactionAmount: { amount: string };
  transactionDateTime: string;
  completedAuthorisedPaymentType: string;
};
const cents = (amount: string) => Math.round(Number(amount) * 100);
const core = (world: World): WorldCore => (world as unknown as { core: WorldCore }).core;

function statement(
  world: World,
  spec: LoadedSpec,
  accountId: string,
  query: Record<string, string>,
  operationId = 'accountsGetAccountsAccountIdTransactions',
): { total: number; entries: (offset: number, limit: number) => Entry[] } {
  const answer = world.resolve(spec, findOperation(spec, operationId), { pathParams: { accountId }, query });
  if (answer.kind !== 'page') throw new Error(`page expected, got ${answer.kind}`);
  return { total: answer.total, entries: (offset, limit) => answer.render(offset, limit) as Entry[] };
}

describe('ledger arithmetic', () => {
  it('the balance after any entry is the opening balance plus the signed amounts before it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const ledger = new Ledger({
        key: seed * 7919,
        start: 0,
        now: 1e10,
        booked: 1000 + seed * 37,
        scheduled: 5,
        scaleCents: 500_000,
        creditsPerPeriod: 5 + (seed % 6),
        shape: (i) => (i % 11 === 0 ? { weight: 1, fixedCents: 1990 } : { weight: 1 }),
      });
      let balance = ledger.openingBalanceCents();
      for (let i = 0; i < ledger.booked; i++) {
        const amount = ledger.amountCents(i);
        expect(amount).toBeGreaterThan(0);
        balance += ledger.isCredit(i) ? amount : -amount;
        expect(ledger.balanceAfterCents(i)).toBe(balance);
      }
      expect(ledger.currentBalanceCents()).toBe(balance);
    }
  });

  it('counts and ranks of credits and debits agree with a scan', () => {
    const ledger = new Ledger({
      key: 42,
      start: 0,
      now: 1e9,
      booked: 5 * PERIOD + 3,
      scheduled: 0,
      scaleCents: 100_000,
      creditsPerPeriod: 9,
    });
    let credits = 0;
    for (let i = 0; i < ledger.total; i++) {
      expect(ledger.countBefore(i, true)).toBe(credits);
      expect(ledger.countBefore(i, false)).toBe(i - credits);
      if (ledger.isCredit(i)) {
        expect(ledger.indexOfRank(credits, true)).toBe(i);
        credits++;
      } else {
        expect(ledger.indexOfRank(i - credits, false)).toBe(i);
      }
    }
  });
});

describe('statements through the World', () => {
  it('reconcile: opening balance + every booked entry = the available balance of /balances', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    for (let seed = 0; seed < 10; seed++) {
      const world = createWorld({ seed, now: NOW });
      for (const account of accountsOf(core(world))) {
        const history = statement(world, spec, account.id, { fromBookingDate: '2015-01-01', toBookingDate: '2025-06-01' });
        let sum = 0;
        const seen = new Set<string>();
        let previous = '';
        for (let offset = 0; offset < history.total; offset += 1000) {
          for (const entry of history.entries(offset, 1000)) {
            if (entry.completedAuthorisedPaymentType !== 'TRANSACAO_EFETIVADA') continue;
            sum += (entry.creditDebitType === 'CREDITO' ? 1 : -1) * cents(entry.transactionAmount.amount);
            expect(seen.has(entry.transactionId)).toBe(false);
            seen.add(entry.transactionId);
            expect(entry.transactionDateTime >= previous).toBe(true);
            previous = entry.transactionDateTime;
          }
        }
        expect(seen.size).toBe(account.ledger.booked);
        const balances = world.resolve(spec, findOperation(spec, 'accountsGetAccountsAccountIdBalances'), {
          pathParams: { accountId: account.id },
          query: {},
        });
        const available = cents((balances as { data: { availableAmount: { amount: string } } }).data.availableAmount.amount);
        expect(account.ledger.openingBalanceCents() + sum).toBe(available);
      }
    }
  });

  it('dates every entry inside the window, and the indicator filter selects exactly the matching entries', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const world = createWorld({ seed: 'extrato', now: NOW });
    const account = accountsOf(core(world))[0]!;
    const window = { fromBookingDate: '2025-03-01', toBookingDate: '2025-04-15' };
    const all = statement(world, spec, account.id, window);
    const entries = all.entries(0, all.total);
    expect(entries.length).toBeGreaterThan(20);
    for (const entry of entries) {
      expect(entry.transactionDateTime.slice(0, 10) >= window.fromBookingDate).toBe(true);
      expect(entry.transactionDateTime.slice(0, 10) <= window.toBookingDate).toBe(true);
    }
    for (const indicator of ['CREDITO', 'DEBITO']) {
      const filtered = statement(world, spec, account.id, { ...window, creditDebitIndicator: indicator });
      const expected = entries.filter((e) => e.creditDebitType === indicator).map((e) => e.transactionId);
      expect(filtered.total).toBe(expected.length);
      // Any window of the filtered list is the same slice of the scan (offsets land mid-period).
      expect(filtered.entries(0, filtered.total).map((e) => e.transactionId)).toEqual(expected);
      expect(filtered.entries(3, 5).map((e) => e.transactionId)).toEqual(expected.slice(3, 8));
    }
    const empty = statement(world, spec, account.id, { fromBookingDate: '2000-01-01', toBookingDate: '2000-01-31' });
    expect(empty.total).toBe(0);
  });

  it('transactions-current serves D-6..D (today by default) and refuses windows outside it', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const world = createWorld({ seed: 3, now: NOW });
    const accountId = accountsOf(core(world))[0]!.id;
    const operation = findOperation(spec, 'accountsGetAccountsAccountIdTransactionsCurrent');
    const ask = (query: Record<string, string>) => world.resolve(spec, operation, { pathParams: { accountId }, query });
    expect(ask({ fromBookingDate: '2025-05-26', toBookingDate: '2025-06-01' }).kind).toBe('page');
    expect(ask({ fromBookingDate: '2025-05-25', toBookingDate: '2025-06-01' }).kind).toBe('unprocessable');
    expect(ask({ fromBookingDate: '2025-05-30', toBookingDate: '2025-06-02' }).kind).toBe('unprocessable');
    expect(ask({ fromBookingDate: '2025-05-30' }).kind).toBe('unprocessable');
    expect(ask({ fromBookingDate: '2025-05-31', toBookingDate: '2025-05-30' }).kind).toBe('unprocessable');
    expect(ask({ fromBookingDate: '2025-5-30', toBookingDate: '2025-06-01' }).kind).toBe('unprocessable');
    const today = statement(world, spec, accountId, {}, operation.id);
    for (const entry of today.entries(0, today.total)) expect(entry.transactionDateTime.slice(0, 10)).toBe('2025-06-01');
  });

  it('serves page 40,000 of a 1,000,000-entry account: sorted, unique, in the window, the same as a scan from the ledger', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const world = createWorld({ seed: 9, now: NOW, transactionsPerAccount: 1_000_000 });
    const account = accountsOf(core(world))[0]!;
    const window = { fromBookingDate: '2010-01-01', toBookingDate: '2025-06-01' };
    const history = statement(world, spec, account.id, window);
    expect(history.total).toBeGreaterThanOrEqual(1_000_000);
    const page = history.entries(39_999 * 25, 25);
    expect(page).toHaveLength(25);
    const ids = page.map((e) => e.transactionId);
    expect(new Set(ids).size).toBe(25);
    expect(ids[0]).toMatch(/-[0-9a-z]{6}$/);
    expect([...page.map((e) => e.transactionDateTime)].sort()).toEqual(page.map((e) => e.transactionDateTime));
    // Balance arithmetic deep in the list stays exact without summing what comes before.
    const ledger = account.ledger;
    const first = 39_999 * 25;
    let sum = 0;
    for (let i = first; i < first + 25; i++) sum += (ledger.isCredit(i) ? 1 : -1) * ledger.amountCents(i);
    expect(ledger.balanceAfterCents(first + 24) - ledger.balanceAfterCents(first - 1)).toBe(sum);
    const pageSum = page.reduce((total, e) => total + (e.creditDebitType === 'CREDITO' ? 1 : -1) * cents(e.transactionAmount.amount), 0);
    expect(pageSum).toBe(sum);
  });
});

describe('determinism', () => {
  it('different seeds give different customers and accounts; the same seed and now the same ones', () => {
    const ids = (seed: number) =>
      accountsOf(core(createWorld({ seed, now: NOW })))
        .map((a) => a.id)
        .join();
    const customers = new Set(Array.from({ length: 20 }, (_, seed) => core(createWorld({ seed, now: NOW })).customer.cpf));
    expect(customers.size).toBe(20);
    expect(ids(5)).toBe(ids(5));
    expect(ids(5)).not.toBe(ids(6));
  });
});
