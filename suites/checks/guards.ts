/**
 * Applicability as guards, not `if`s at the top of every check (DESIGN.md):
 * each returns true (applies), false (does not apply: no result) or a reason
 * why it applies but cannot run (a skipped result).
 */
import { demandsCredentials } from '../../specs/credentials-demand.ts';
import { isSchemaObject } from '../../specs/json-schema.ts';
import type { FamilyProfile } from '../../families/index.ts';
import { declaresInteractionId } from '../plan/request-plan.ts';
import type { Applicability, OperationContext } from './types.ts';

type Guard = (ctx: OperationContext) => Applicability;

/** The operation takes a page size (its limits can be checked). */
export const whenPageSize: Guard = (ctx) => ctx.paging !== undefined;

/** The operation pages a list the checks can read (walk, links, totals). */
export const whenPaged: Guard = (ctx) => ctx.paging?.itemsPath !== undefined;

export const whenLinksPaging: Guard = (ctx) =>
  ctx.paging?.itemsPath !== undefined && (ctx.paging.style === 'links-meta' || ctx.paging.style === 'count-next');

/** The operation needs an id (path parameter or Opus body id). */
export const whenTakesId: Guard = (ctx) => ctx.inputs.length > 0;

/** The operation demands credentials: a security scheme, or a documented 401 where the spec declares none. */
export const whenSecured: Guard = (ctx) => demandsCredentials(ctx.spec, ctx.operation);

export const whenInteractionId: Guard = (ctx) => declaresInteractionId(ctx.operation);

/**
 * A request lacking a permission can be sent: the consent in the body (the family says where) leaves out what the
 * operation needs; or --token-without-permissions lacks it; or, where neither the spec nor the family has a
 * permission table, the operation documents 403 and that token is taken to hold no permission at all.
 */
export const whenNeedsPermissions: Guard = (ctx) => {
  const needed = ctx.profile.permissionsOf(ctx.operation);
  if (ctx.profile.permissionsInBody) return needed.length > 0;
  if (needed.length === 0) {
    // No permission table names one: a token holding none is refused only where credentials are demanded and 403 documented.
    if (!demandsCredentials(ctx.spec, ctx.operation) || !ctx.operation.responses.some((r) => r.status === '403')) return false;
    return ctx.settings.hasLimitedToken || 'no --token-without-permissions was given';
  }
  if (!ctx.settings.hasLimitedToken) return 'no --token-without-permissions was given';
  const missing = ctx.settings.missingPermissions;
  if (missing && !needed.some((p) => missing.includes(p))) {
    return `the limited token holds every permission this operation needs (${needed.join(', ')})`;
  }
  return true;
};

/** The spec documents this status for the operation (exactly: a `4XX` range says nothing about which 4xx). */
export function whenDocuments(status: string): Guard {
  return (ctx) =>
    ctx.operation.responses.some((r) => r.status === status) || `the spec documents no ${status} response for ${ctx.operation.id}`;
}

/** The rules of the spec's family call for the check (e.g. `(profile) => profile.metaRequestDateTime`). */
export function whenProfile(rule: (profile: FamilyProfile) => boolean): Guard {
  return (ctx) => rule(ctx.profile);
}

/** Transaction lists filtered by booking date (the operation takes fromBookingDate and toBookingDate). */
export const whenBookingWindow: Guard = (ctx) => bookingWindowLocation(ctx) !== undefined;

export function bookingWindowLocation(ctx: OperationContext): 'query' | 'body' | undefined {
  const inQuery = ['fromBookingDate', 'toBookingDate'].every((name) =>
    ctx.operation.parameters.some((p) => p.in === 'query' && p.name === name),
  );
  if (inQuery) return 'query';
  const body = ctx.operation.requestBody?.content[0]?.schema;
  const properties = isSchemaObject(body) ? body.properties : undefined;
  if (properties?.fromBookingDate && properties?.toBookingDate) return 'body';
  return undefined;
}

/** transactions-current: the window may reach 6 days back only. */
export function isCurrentWindowOperation(ctx: OperationContext): boolean {
  return /transactions-current\/?$/i.test(ctx.operation.path) || /TransactionsCurrent$/.test(ctx.operation.id);
}
