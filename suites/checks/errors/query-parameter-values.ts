/**
 * `query-parameter-values`: every documented query parameter, sent on its own
 * on top of the valid request. With values its schema allows — each member of
 * an enum (up to ten), otherwise one the data engine makes and the schema
 * accepts — the answer is a documented 2xx; with the data engine's value that
 * breaks the schema (enum, pattern, type, bounds) it is 400 or 422, where the
 * operation documents either. invalid-request-rejected samples a handful of
 * broken things across the request; this walks every query parameter, both
 * ways. Paging parameters and a pagination key have checks of their own.
 */
import { planOf } from '../../engine/operation-context.ts';
import { isSchemaObject } from '../../../specs/json-schema.ts';
import type { Parameter } from '../../../specs/types.ts';
import type { RequestPlan } from '../../plan/request-plan.ts';
import { whenProfile } from '../guards.ts';
import { expectStatus, plural } from '../helpers.ts';
import type { CheckFinding, OperationContext, ProbeCheck } from '../types.ts';
import { documentedSuccess } from './valid-request.ts';

const OWNED_ELSEWHERE = /^(page|page-size|page_size|pageSize|pagination[-_]?key)$/i;
const MAX_ENUM_VALUES = 10;

export const queryParameterValues: ProbeCheck = {
  kind: 'probe',
  id: 'query-parameter-values',
  description:
    'Every documented query parameter: values its schema allows answer a documented 2xx; a value that breaks it answers 400 or 422.',
  severity: 'error',
  guards: [whenProfile((profile) => profile.exercisesQueryParameters === true), (ctx) => queryParameters(ctx).length > 0],
  async run(ctx) {
    const plan = planOf(ctx);
    const success = documentedSuccess(ctx.operation);
    const rejects = ctx.operation.responses.some((r) => r.status === '400' || r.status === '422');
    const broken = ctx.brokenVariants(plan);
    const findings: CheckFinding[] = [];
    let valid = 0;
    let invalid = 0;
    const unexercised: string[] = [];
    for (const parameter of queryParameters(ctx)) {
      const values = validValues(ctx, parameter);
      for (const value of values) {
        const shown = Array.isArray(value) ? value.join(',') : value;
        const exchange = await ctx.probe(
          `query-valid:${parameter.name}=${shown}`,
          `the request with ${parameter.name}=${shown}`,
          withQuery(plan, parameter.name, value),
        );
        valid++;
        findings.push(...expectStatus(exchange, success, `${parameter.name}=${shown}, a value its schema allows`));
      }
      // The same key and label as invalid-request-rejected's: one request serves both checks.
      const variant = rejects ? broken.find((v) => v.name === `bad-query:${parameter.name}`) : undefined;
      if (variant) {
        const exchange = await ctx.probe(`broken:${variant.name}`, `the request with ${variant.description}`, variant.plan);
        invalid++;
        findings.push(...expectStatus(exchange, [400, 422], variant.description));
      }
      if (values.length === 0 && !variant) unexercised.push(parameter.name);
    }
    const left = unexercised.length > 0 ? `; no value could be made for ${unexercised.join(', ')}` : '';
    return {
      findings,
      evidence: findings[0]?.on,
      message: `${plural(queryParameters(ctx).length, 'query parameter')}: ${plural(valid, 'valid value')} answered 2xx, ${plural(invalid, 'invalid value')} refused${left}`,
    };
  },
};

function queryParameters(ctx: OperationContext): Parameter[] {
  return ctx.operation.parameters.filter((p) => p.in === 'query' && !OWNED_ELSEWHERE.test(p.name));
}

function withQuery(plan: RequestPlan, name: string, value: string | string[]): RequestPlan {
  return { ...plan, query: { ...plan.query, [name]: value } };
}

/** Each enum member (up to MAX_ENUM_VALUES), else one value the data engine makes that the schema accepts; none when it makes none. */
function validValues(ctx: OperationContext, parameter: Parameter): Array<string | string[]> {
  const schema = parameter.schema;
  if (schema === undefined) return [];
  if (isSchemaObject(schema) && Array.isArray(schema.enum)) {
    return schema.enum
      .filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v))
      .slice(0, MAX_ENUM_VALUES)
      .map(String);
  }
  const sampled = ctx.sampleValue(schema, `query:${ctx.operation.id}:${parameter.name}`);
  if (sampled === undefined || sampled === null || !ctx.spec.validator.isValid(schema, sampled)) return [];
  if (Array.isArray(sampled)) return sampled.every((v) => typeof v !== 'object') ? [sampled.map(String)] : [];
  return typeof sampled === 'object' ? [] : [String(sampled)];
}
