/**
 * The consent permission each Opus route needs. The Opus documents carry no
 * permission table, but each route is an Open Finance endpoint (its operationId
 * spells the resource path, resource-path.ts), and Open Finance names a
 * permission after the API and the resource it reads:
 *
 *     <API>[_<SEGMENT>...]_READ    accountsGet… /accounts/{accountId}/balances → ACCOUNTS_BALANCES_READ
 *                                  creditCardsGet… /accounts/{id}/bills        → CREDIT_CARDS_ACCOUNTS_BILLS_READ
 *                                  financingsGet… /contracts/{id}/payments     → FINANCINGS_PAYMENTS_READ
 *                                  creditFixedIncomesGet… /investments/{id}    → CREDIT_FIXED_INCOMES_READ
 *
 * The name is the most specific of those spellings that the route's own body
 * enumerates as a consent permission (`consent.permissions`); a `-current`
 * resource reads the recent days of its base resource and shares its
 * permission. The documents misspell some API words (`banktFixedIncomes`), so
 * when no spelling is enumerated, one that is a single letter away is taken.
 * Routes outside that naming (discovery, account-holder checks) run while a
 * consent is being built and need none.
 */
import type { Operation } from '../../specs/types.ts';
import { bodySchema, enumOf, schemaAt } from '../consents/shape.ts';
import { resourcePathFromOperationId } from './resource-path.ts';

/** Where the Opus body carries the consent's permissions. */
export const OPUS_PERMISSIONS_PATH = ['consent', 'permissions'] as const;

const API_WORD = /^([a-z][A-Za-z0-9]*?)Get[A-Z]/;

export function opusPermissions(operation: Operation): string[] {
  if (operation.permissions.length > 0) return operation.permissions;
  const known = enumOf(schemaAt(bodySchema(operation), OPUS_PERMISSIONS_PATH));
  const candidates = permissionSpellings(operation);
  if (known.length === 0 || candidates.length === 0) return [];
  const exact = candidates.find((name) => known.includes(name));
  if (exact !== undefined) return [exact];
  for (const name of candidates) {
    const near = known.filter((permission) => oneEditApart(permission, name));
    if (near.length === 1 && near[0] !== undefined) return [near[0]];
  }
  return [];
}

/** Every spelling of the route's permission, most specific first. */
function permissionSpellings(operation: Operation): string[] {
  const api = API_WORD.exec(operation.id)?.[1];
  const path = resourcePathFromOperationId(operation);
  if (api === undefined || path === undefined) return [];
  const apiName = snake(api);
  const segments = path
    .split('/')
    .filter((segment) => segment !== '' && !segment.startsWith('{'))
    .map((segment) =>
      segment
        .replace(/-current$/, '')
        .replace(/-/g, '_')
        .toUpperCase(),
    );
  const afterCollection = segments.slice(1);
  const spellings: string[] = [];
  for (let drop = 0; drop <= segments.length; drop++) {
    for (const words of [segments, afterCollection]) {
      const kept = words.slice(0, Math.max(0, words.length - drop));
      const name = [apiName, ...kept.filter((word, i) => !(i === 0 && word === apiName))].join('_');
      spellings.push(`${name}_READ`);
    }
  }
  return [...new Set(spellings)];
}

function snake(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** True when `a` becomes `b` by inserting, deleting or changing one letter. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
