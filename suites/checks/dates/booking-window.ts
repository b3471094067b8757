/**
 * The booking-date window checks. `transactions-in-window`: entries of a
 * window request lie inside it (transactions: the last 30 days;
 * transactions-current: D-6..D, and with no window no entry older than D-6).
 * `transactions-current-old-window`: a window before D-6 answers 422.
 */
import type { Exchange } from '../../http/exchange.ts';
import { planOf } from '../../engine/operation-context.ts';
import { withPage } from '../../plan/paging.ts';
import type { RequestPlan } from '../../plan/request-plan.ts';
import { isCurrentWindowOperation, whenBookingWindow, whenDocuments } from '../guards.ts';
import { expectStatus, pageOf, plural, successfulOrSkip } from '../helpers.ts';
import { isSkip, type CheckFinding, type OperationContext, type ProbeCheck } from '../types.ts';
import { addDays, daysOf, entryDate, todays } from './calendar.ts';
import { typicalWindow, withWindow } from './window-plan.ts';

/** The window request, on one page as large as the spec allows, so one request sees as many entries as possible. */
function windowPlan(ctx: OperationContext, from: string, to: string): RequestPlan {
  let plan = planOf(ctx);
  if (ctx.paging) plan = withPage(plan, ctx.paging, 1, ctx.paging.maxSize);
  return withWindow(ctx, plan, from, to);
}

/** Entries whose date is outside [from, to] under both readings of the day. */
function outside(
  exchange: Exchange,
  ctx: OperationContext,
  from: string | undefined,
  to: string | undefined,
  what: string,
): CheckFinding[] {
  const view = pageOf(exchange, ctx);
  if (isSkip(view)) return [];
  const findings: CheckFinding[] = [];
  view.items.forEach((item, index) => {
    const date = entryDate(item);
    if (!date) return;
    const days = daysOf(date.value);
    const inside = days.some((day) => (from === undefined || day >= from) && (to === undefined || day <= to));
    if (!inside) {
      findings.push({
        message: `${what}: entry ${index} is dated ${date.value}, outside ${from ?? '…'}..${to ?? '…'}`,
        path: `$.${ctx.paging?.itemsPath?.join('.') ?? 'data'}[${index}].${date.field}`,
        rule: `${from ?? '…'} ≤ date ≤ ${to ?? '…'}`,
        actual: date.value,
        on: exchange,
      });
    }
  });
  return findings;
}

export const transactionsInWindow: ProbeCheck = {
  kind: 'probe',
  id: 'transactions-in-window',
  description:
    'Transactions asked for a fromBookingDate..toBookingDate window all lie inside it (transactions-current: D-6..D, nothing older by default).',
  severity: 'error',
  guards: [whenBookingWindow],
  async run(ctx) {
    const today = todays(ctx.settings.now);
    const current = isCurrentWindowOperation(ctx);
    const { from, to } = typicalWindow(ctx);
    const exchange = await ctx.probe('window', `the request for ${from}..${to}`, windowPlan(ctx, from, to));
    const findings = expectStatus(exchange, [200], `the window ${from}..${to}`);
    if (findings.length > 0) return { findings, evidence: exchange };
    findings.push(...outside(exchange, ctx, from, to, `the window ${from}..${to}`));
    if (current) {
      const valid = await ctx.valid();
      if (!isSkip(successfulOrSkip(valid, 'the valid request')))
        findings.push(...outside(valid, ctx, addDays(today.earlier, -6), undefined, 'with no window'));
    }
    const view = pageOf(exchange, ctx);
    const message =
      findings.length === 0 && !isSkip(view) ? `${plural(view.items.length, 'entry')} for ${from}..${to}, all inside` : undefined;
    return { findings, evidence: exchange, message };
  },
};

export const transactionsCurrentOldWindow: ProbeCheck = {
  kind: 'probe',
  id: 'transactions-current-old-window',
  description: 'transactions-current answers 422 for a window older than D-6 (the last 7 days only).',
  severity: 'error',
  guards: [whenBookingWindow, (ctx) => isCurrentWindowOperation(ctx), whenDocuments('422')],
  async run(ctx) {
    const today = todays(ctx.settings.now);
    const from = addDays(today.earlier, -30);
    const to = addDays(today.earlier, -20);
    const exchange = await ctx.probe('old-window', `the request for ${from}..${to}`, windowPlan(ctx, from, to));
    return { findings: expectStatus(exchange, 422, `the window ${from}..${to}, older than D-6`), evidence: exchange };
  },
};
