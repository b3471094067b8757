/** The plan with a booking-date window, in the query (Open Finance) or the body (Opus). */
import { planOf } from '../../engine/operation-context.ts';
import type { RequestPlan } from '../../plan/request-plan.ts';
import { bookingWindowLocation, isCurrentWindowOperation } from '../guards.ts';
import type { OperationContext } from '../types.ts';
import { addDays, todays } from './calendar.ts';

export function withWindow(ctx: OperationContext, plan: RequestPlan, from: string, to: string): RequestPlan {
  if (bookingWindowLocation(ctx) === 'query') return { ...plan, query: { ...plan.query, fromBookingDate: from, toBookingDate: to } };
  return { ...plan, body: { ...((plan.body as Record<string, unknown>) ?? {}), fromBookingDate: from, toBookingDate: to } };
}

/**
 * The widest window the operation must accept, valid whether the server counts
 * days in UTC or Brasília time: D-6..D for transactions-current, the last 30
 * days otherwise.
 */
export function typicalWindow(ctx: OperationContext): { from: string; to: string } {
  const today = todays(ctx.settings.now);
  return isCurrentWindowOperation(ctx)
    ? { from: addDays(today.later, -6), to: today.earlier }
    : { from: addDays(today.earlier, -30), to: today.earlier };
}

/** The valid plan, with the typical window when the operation takes one (so lists have something to page through). */
export function planWithTypicalWindow(ctx: OperationContext): RequestPlan {
  const plan = planOf(ctx);
  if (bookingWindowLocation(ctx) === undefined) return plan;
  const { from, to } = typicalWindow(ctx);
  return withWindow(ctx, plan, from, to);
}
