/**
 * The ids that exist in a world, by path/body parameter name and the kind of
 * contracts of the spec's family:
 * what the lists show, what the detail routes accept, and what validRequest
 * hands to the suites.
 */
import { profileOf, type FamilyProfile } from '../../families/index.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import { accountsOf } from '../domain/accounts.ts';
import { contractsOf } from '../domain/financings.ts';
import { assistanceContractsOf } from '../domain/insurance.ts';
import { applicationsOf } from '../domain/originator.ts';
import type { WorldCore } from '../domain/core.ts';
import type { SchemaPlanner } from '../schema/plan.ts';
import { genericIds } from './generic-ids.ts';

type IdProvider = (core: WorldCore, spec: LoadedSpec) => string[];
type Contracts = FamilyProfile['domain']['contracts'];

/** `contracts`: only for families whose contracts are of that kind (FamilyProfile.domain.contracts). */
const providers: Array<{ name: RegExp; contracts?: Contracts; ids: IdProvider }> = [
  { name: /^accountId$/, ids: (core) => accountsOf(core).map((a) => a.id) },
  { name: /^contractId$/, contracts: 'credit', ids: (core) => contractsOf(core).map((c) => c.id) },
  { name: /^application_id$/, ids: (core) => applicationsOf(core).map((a) => a.id) },
  { name: /^contractId$/, contracts: 'insurance', ids: (core) => assistanceContractsOf(core).map((c) => c.id) },
];

export function worldIds(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string): string[] {
  const contracts = profileOf(spec).domain.contracts;
  const provider = providers.find((p) => p.name.test(name) && (!p.contracts || p.contracts === contracts));
  if (provider) return provider.ids(core, spec);
  return genericIds(core, planner, spec, name);
}
