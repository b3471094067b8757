/** Opus Commons /check-account-holder: is the logged user (and, when given, the business) the world's customer? */
import type { DataAnswer } from '../api.ts';
import { objectAnswer, type ResolveContext } from './render.ts';

export function resolveAccountHolder(ctx: ResolveContext): DataAnswer {
  const body = ctx.request.body as
    { requestBody?: { data?: { loggedUserDocument?: unknown; businessEntityDocument?: unknown } } } | undefined;
  const data = body?.requestBody?.data;
  const customer = ctx.core.customer;
  const person = data?.loggedUserDocument === customer.cpf;
  const business = data?.businessEntityDocument === undefined || data.businessEntityDocument === customer.business.cnpj;
  return objectAnswer(ctx, { isAccountHolder: person && business }, 'account-holder');
}
