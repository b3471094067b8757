/**
 * What a consent must ask for so every data API of a run answers its token:
 * one permission of each operation's alternatives (the fewest first), completed to whole permission
 * groups of the consents spec's enum — a transmitter refuses a partial group
 * (COMBINACAO_PERMISSOES_INCORRETA), so FINANCINGS_READ brings the other
 * credit operations' permissions and every group brings RESOURCES_READ.
 */
import { bodySchema, dataProperties, enumOf } from '../../families/consents/shape.ts';
import { permissionGroupsFor } from '../../families/consents/permission-groups.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import { operationOf, SHAPES } from './consent-schema.ts';

export function consentPermissionsFor(dataSpecs: readonly LoadedSpec[], consentsSpec: LoadedSpec): string[] {
  // An operation's permissions are alternatives (the Resources API takes any data permission): one held is enough.
  const alternatives = dataSpecs
    .flatMap((spec) => spec.operations.map((operation) => operation.permissions))
    .filter((list) => list.length > 0);
  const needed = new Set<string>();
  // The lists are non-empty (filtered above).
  for (const list of [...alternatives].sort((a, b) => a.length - b.length)) if (!list.some((p) => needed.has(p))) needed.add(list[0]!);
  const create = operationOf(consentsSpec, SHAPES.create);
  const groups = permissionGroupsFor(create ? enumOf(dataProperties(bodySchema(create)).permissions) : []);
  // A permission of several groups (RESOURCES_READ, ACCOUNTS_READ) chooses none by itself; one of a single group chooses it.
  const groupsOf = (p: string) => groups.filter((g) => g.permissions.includes(p));
  const chosen = new Set(groups.filter((g) => g.permissions.some((p) => needed.has(p) && groupsOf(p).length === 1)));
  // A permission no chosen group holds brings the first group that does (the Resources API alone: RESOURCES_READ's first group).
  for (const p of needed) if (![...chosen].some((g) => g.permissions.includes(p))) for (const g of groupsOf(p).slice(0, 1)) chosen.add(g);
  const asked = new Set([...needed, ...[...chosen].flatMap((g) => g.permissions)]);
  return [...asked].sort();
}
