/**
 * `list-detail-consistency`: every id a list returned resolves on its detail
 * operation, and the two agree on the fields they share. The detail of an id
 * is the unpaged operation taking it whose path is the list's item path
 * (`/accounts/{accountId}`), else Opus' `/find`, else the shortest path.
 * Fields are compared only with items of the detail's own collection (see describesResource).
 */
import type { FamilyProfile } from '../../../families/index.ts';
import type { Operation } from '../../../specs/types.ts';
import { planOf } from '../../engine/operation-context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { pagingProfile } from '../../plan/paging.ts';
import type { Input } from '../../plan/inputs.ts';
import { requestBodySchema, requiredOf } from '../../plan/schema-shape.ts';
import { withInput } from '../../plan/with-input.ts';
import { expectStatus, plural } from '../helpers.ts';
import { whenTakesId } from '../guards.ts';
import { skip, type CheckFinding, type OperationContext, type ProbeCheck } from '../types.ts';

export const listDetailConsistency: ProbeCheck = {
  kind: 'probe',
  id: 'list-detail-consistency',
  description: 'Every id in a list resolves on its detail endpoint, and the detail agrees with the list on the fields they share.',
  severity: 'error',
  guards: [whenTakesId, (ctx) => detailInput(ctx) !== undefined],
  async run(ctx) {
    const input = detailInput(ctx)!;
    const discovered = ctx.discovery.values(input.name);
    if (discovered.length === 0)
      return skip(`no ${input.name} was discovered from a list (${input.providers.map((p) => p.id).join(', ')})`);
    // Ids held as references by another collection's items are left out when the detail's own collection gave some.
    const own = discovered.filter((entry) => describesResource(ctx, input, entry.from));
    const sample = (own.length > 0 ? own : discovered).slice(0, ctx.settings.consistencyLimit); // not empty: checked just above
    const plan = planOf(ctx);
    const findings: CheckFinding[] = [];
    let compared = 0;
    let evidence: Exchange | undefined;
    await Promise.all(
      sample.map(async (entry, index) => {
        const exchange = await ctx.probe(
          `detail:${index}`,
          `the detail of ${input.name} ${JSON.stringify(entry.value)}`,
          withInput(plan, input, entry.value),
        );
        evidence ??= exchange;
        const status = expectStatus(exchange, [200], `${input.name} ${JSON.stringify(entry.value)} from ${entry.from}`);
        if (status.length > 0) {
          findings.push(...status);
          return;
        }
        if (exchange.body.kind !== 'json' || !describesResource(ctx, input, entry.from)) return;
        const detail = detailObject(exchange.body.value);
        for (const [field, listed] of Object.entries(entry.item)) {
          if (!isScalar(listed) || detail === undefined || !(field in detail) || !isScalar(detail[field])) continue;
          compared++;
          if (detail[field] !== listed) {
            findings.push({
              message: `${input.name} ${JSON.stringify(entry.value)}: ${field} is ${JSON.stringify(detail[field])} on the detail but ${JSON.stringify(listed)} in ${entry.from}`,
              path: `$.data.${field}`,
              rule: 'same as the list',
              expected: listed,
              actual: detail[field],
              on: exchange,
            });
          }
        }
      }),
    );
    const message =
      findings.length === 0
        ? `${plural(sample.length, input.name)} from ${sample[0]!.from} resolve here; ${plural(compared, 'shared field')} agree`
        : undefined;
    return { findings, evidence: findings[0]?.on ?? evidence, message };
  },
};

/**
 * Whether the item that held the id is the resource the detail shows, so their shared fields must agree: it came from
 * the detail's own collection (`/pix/payments` for `/pix/payments/{paymentId}`, whether listed or created there).
 * An item of another collection holds the id as a reference (a payment's `consentId`): its `status` is the payment's,
 * not the consent's, and only that the id resolves is checked. Opus body ids have no collection path; they compare.
 */
function describesResource(ctx: OperationContext, input: Input, from: string): boolean {
  if (input.in !== 'path') return true;
  const marker = ctx.operation.path.indexOf(`/{${input.name}}`);
  const provider = ctx.spec.operations.find((op) => op.id === from);
  return marker < 0 || provider === undefined || provider.path === ctx.operation.path.slice(0, marker);
}

/** The input whose detail this operation is, if it is one. */
function detailInput(ctx: OperationContext): Input | undefined {
  if (ctx.paging) return undefined;
  for (const input of ctx.inputs) {
    if (input.providers.length === 0) continue;
    if (detailOperation(ctx.spec.operations, input, ctx.profile) === ctx.operation) return input;
  }
  return undefined;
}

function detailOperation(operations: Operation[], input: Input, profile: FamilyProfile): Operation | undefined {
  const candidates = operations.filter(
    (op) =>
      (op.parameters.some((p) => p.in === 'path' && p.name === input.name) ||
        (input.in === 'body' && requiredOf(requestBodySchema(op)).includes(input.name))) &&
      pagingProfile(op, profile.paging) === undefined &&
      !input.providers.includes(op),
  );
  const byItemPath = candidates.find((op) => op.path.endsWith(`/{${input.name}}`));
  if (byItemPath) return byItemPath;
  const find = candidates.find((op) => /\/find$/.test(op.path));
  return find ?? [...candidates].sort((a, b) => a.path.length - b.path.length)[0];
}

function detailObject(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const data = (body as { data?: unknown }).data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  return body as Record<string, unknown>;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
