/**
 * The ids that exist in a world, by path/body parameter name and family:
 * what the lists show, what the detail routes accept, and what validRequest
 * hands to the suites.
 */
import type { LoadedSpec } from '../../specs/types.ts';
import { accountsOf } from '../domain/accounts.ts';
import { contractsOf } from '../domain/financings.ts';
import { assistanceContractsOf } from '../domain/insurance.ts';
import { applicationsOf } from '../domain/originator.ts';
import type { WorldCore } from '../domain/core.ts';
import type { SchemaPlanner } from '../schema/plan.ts';
import { GENERIC_IDS, genericId } from './generic.ts';

export type IdProvider = (core: WorldCore, spec: LoadedSpec) => string[];

const providers: Array<{ name: RegExp; families?: string[]; ids: IdProvider }> = [
  { name: /^accountId$/, ids: (core) => accountsOf(core).map((a) => a.id) },
  { name: /^contractId$/, families: ['ofb', 'opus'], ids: (core) => contractsOf(core).map((c) => c.id) },
  { name: /^application_id$/, ids: (core) => applicationsOf(core).map((a) => a.id) },
  { name: /^contractId$/, families: ['opin'], ids: (core) => assistanceContractsOf(core).map((c) => c.id) },
];

/** Lets a domain module declare the ids of a parameter name (kept here so routes and requests agree). */
export function registerIds(name: RegExp, ids: IdProvider, families?: string[]): void {
  providers.unshift({ name, ids, families });
}

export function worldIds(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string): string[] {
  const provider = providers.find((p) => p.name.test(name) && (!p.families || p.families.includes(spec.family)));
  if (provider) return provider.ids(core, spec);
  return Array.from({ length: GENERIC_IDS }, (_, j) => genericId(core, planner, spec, name, j));
}
