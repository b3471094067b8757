/**
 * Credit arithmetic: schedules amortise the principal to the cent (any
 * principal, rate and term, SAC and PRICE), and the contracts every family
 * shows add up — paid instalments before due ones, payments that reference
 * their contract's instalments, outstanding balances, IOF and CET.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/load.ts';
import { findOperation } from '../../specs/lookup.ts';
import { buildSchedule, cetAnnual } from '../domain/amortization.ts';
import { buildEnvelope, createWorld } from '../index.ts';
import type { World } from '../api.ts';
import { NOW } from './helpers.ts';

const cents = (amount: string | number) => Math.round(Number(amount) * 100);
const DAY = 86_400_000;

describe('schedules', () => {
  it('SAC and PRICE amortise exactly the principal; every payment is principal + interest', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SAC', 'PRICE' as const),
        fc.integer({ min: 100, max: 2_000_000_00 }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        fc.integer({ min: 1, max: 420 }),
        (system, principal, rate, n) => {
          const schedule = buildSchedule(
            system as 'SAC' | 'PRICE',
            principal,
            rate,
            Array.from({ length: n }, (_, k) => k * 30 * DAY),
          );
          expect(schedule.reduce((sum, s) => sum + s.principalCents, 0)).toBe(principal);
          expect(schedule[n - 1]?.balanceCents).toBe(0);
          for (const s of schedule) {
            expect(s.paymentCents).toBe(s.principalCents + s.interestCents);
            expect(s.principalCents).toBeGreaterThanOrEqual(0);
          }
          if (system === 'PRICE' && n > 2 && principal >= n * 100) {
            const payments = schedule.slice(0, -1).map((s) => s.paymentCents);
            expect(Math.max(...payments) - Math.min(...payments)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300, seed: 20250601 },
    );
  });

  it('CET is above the contract rate once IOF and fees are deducted from what is released', () => {
    const schedule = buildSchedule(
      'PRICE',
      10_000_00,
      0.02,
      Array.from({ length: 12 }, (_, k) => (k + 1) * 30.4 * DAY),
    );
    const withoutCosts = cetAnnual(10_000_00, schedule, 0);
    const withCosts = cetAnnual(10_000_00 - 300_00, schedule, 0);
    expect(withoutCosts).toBeCloseTo(1.02 ** 12 - 1, 2);
    expect(withCosts).toBeGreaterThan(withoutCosts);
  });
});

async function resolveData(
  world: World,
  specId: string,
  operationId: string,
  pathParams: Record<string, string> = {},
  pageSize = 1000,
): Promise<any> {
  const spec = await loadSpec(specId);
  const operation = findOperation(spec, operationId);
  const answer = world.resolve(spec, operation, { pathParams, query: {} });
  if (answer.kind !== 'object' && answer.kind !== 'page') throw new Error(`${operationId}: ${answer.kind}`);
  return (buildEnvelope(spec, operation, answer, { pageSize, requestDateTime: NOW }) as { data: unknown }).data;
}

describe('financing contracts (OFB)', () => {
  it('add up across contract, instalments, payments and warranties', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const world = createWorld({ seed, now: NOW });
      const contracts = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContracts');
      expect(contracts.length).toBeGreaterThan(0);
      for (const { contractId } of contracts) {
        const detail = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContractsContractId', { contractId });
        const instalments = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContractsContractIdScheduledInstalments', {
          contractId,
        });
        const payments = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContractsContractIdPayments', { contractId });
        const warranties = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContractsContractIdWarranties', { contractId });
        expect(instalments.paidInstalments + instalments.dueInstalments + instalments.pastDueInstalments).toBe(
          instalments.totalNumberOfInstalments,
        );
        expect(payments.paidInstalments).toBe(instalments.paidInstalments);
        expect(payments.releases).toHaveLength(payments.paidInstalments);
        // Paid before due: every release is dated before now and after the contract; in order.
        const dates = payments.releases.map((r: { paidDate: string }) => r.paidDate);
        expect([...dates].sort()).toEqual(dates);
        for (const date of dates) {
          expect(date >= detail.contractDate).toBe(true);
          expect(Date.parse(date)).toBeLessThan(NOW.getTime());
        }
        expect(cents(payments.contractOutstandingBalance)).toBeLessThanOrEqual(cents(detail.contractAmount));
        expect(detail.firstInstalmentDueDate > detail.contractDate).toBe(true);
        expect(detail.dueDate >= detail.firstInstalmentDueDate).toBe(true);
        expect(Number(detail.CET)).toBeGreaterThan(Number(detail.interestRates[0].preFixedRate));
        expect(warranties.length).toBeGreaterThan(0);
        for (const warranty of warranties) expect(cents(warranty.warrantyAmount)).toBeGreaterThanOrEqual(cents(detail.contractAmount));
      }
      const spec = await loadSpec('ofb-financings-2.3.0');
      expect(
        world.resolve(spec, findOperation(spec, 'financingsGetContractsContractIdPayments'), {
          pathParams: { contractId: 'desconhecido' },
          query: {},
        }).kind,
      ).toBe('not-found');
    }
  });

  it('shows the same contracts to OFB and Opus for the same seed', async () => {
    const world = createWorld({ seed: 'credito', now: NOW });
    const ofb = await resolveData(world, 'ofb-financings-2.3.0', 'financingsGetContracts');
    const opus = await loadSpec('opus-financings-2.3.0');
    const operation = findOperation(opus, 'financingsGetContracts');
    const answer = world.resolve(opus, operation, { pathParams: {}, query: {}, body: world.validRequest(opus, operation).body });
    if (answer.kind !== 'page') throw new Error('page expected');
    const opusIds = (answer.render(0, 100) as Array<{ contractId: Array<{ value: string }> }>).map((c) => c.contractId[0]?.value);
    expect(opusIds).toEqual(ofb.map((c: { contractId: string }) => c.contractId));
  });
});

describe('other credit families', () => {
  it('originator schedules add up to the financed amount, the IOF and the amount owed', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const world = createWorld({ seed, now: NOW });
      const spec = await loadSpec('originator-applications-1.0.0');
      const operation = findOperation(spec, 'getApplication');
      const app = (world.resolve(spec, operation, world.validRequest(spec, operation, seed)) as { data: any }).data;
      const loan = app.loan_details;
      const sum = (field: string) => loan.schedule.reduce((total: number, row: Record<string, number>) => total + cents(row[field]!), 0);
      expect(sum('principal')).toBe(cents(loan.financed_amount));
      expect(sum('iof')).toBe(cents(loan.iof_amount));
      expect(sum('payment')).toBe(cents(loan.total_amount_owed));
      expect(cents(loan.financed_amount)).toBe(cents(app.requested_amount) + cents(loan.iof_amount) + cents(app.tac_amount));
      expect(loan.schedule.at(-1).balance).toBe(0);
    }
  });

  it('OPIN assistance contracts: the insured is the customer, liquid credit = credit − taxes − fees', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const world = createWorld({ seed, now: NOW });
      const list = await resolveData(world, 'opin-financial-assistance-1.2.0', 'getInsuranceFinancialAssistance');
      const ids = list.flatMap((entry: any) =>
        entry.brand.companies.flatMap((company: any) => company.contracts.map((c: any) => c.contractId)),
      );
      expect(ids.length).toBeGreaterThan(0);
      for (const contractId of ids) {
        const info = await resolveData(world, 'opin-financial-assistance-1.2.0', 'getInsuranceFinancialAssistanceContractInfo', {
          contractId,
        });
        expect(cents(info.creditedLiquidValue.amount)).toBe(
          cents(info.conceivedCreditValue.amount) - cents(info.taxesValue.amount) - cents(info.administrativeFeesValue.amount),
        );
        expect(info.insureds[0].documentType).toBe('CPF');
        expect(info.counterInstallments.firstDate < info.counterInstallments.lastDate).toBe(true);
        const movements = await resolveData(world, 'opin-financial-assistance-1.2.0', 'getInsuranceFinancialAssistanceMovements', {
          contractId,
        });
        for (const movement of movements)
          expect(cents(movement.updatedDebitAmount.amount)).toBeLessThan(cents(info.conceivedCreditValue.amount));
      }
    }
  });
});
