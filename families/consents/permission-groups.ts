/**
 * The permission groups of the regulation, as data. A consent request must
 * carry every permission of each group it asks for; the consents spec of each
 * standard names them (Open Finance Brasil's table in consents 3.3.1, Open
 * Insurance Brasil's phase 2 rule that every category comes with
 * RESOURCES_READ). Which table applies to a spec is read from its permission
 * enum: the first table whose permissions all exist there.
 */

export interface PermissionGroup {
  /** The group's name in the regulation (category · group). */
  name: string;
  permissions: readonly string[];
}

const RESOURCES = 'RESOURCES_READ';

/** Prefixes that say whose registration data a permission reads (an individual's or a company's). */
export const PERSONAL_PREFIX = 'CUSTOMERS_PERSONAL_';
export const BUSINESS_PREFIX = 'CUSTOMERS_BUSINESS_';

const group = (name: string, ...permissions: string[]): PermissionGroup => ({ name, permissions: [...permissions, RESOURCES] });

/** Open Finance Brasil, consents 3.3.1 (the "agrupamentos" table). */
const OPEN_FINANCE_GROUPS: readonly PermissionGroup[] = [
  group('Registration · individual identification', 'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'),
  group('Registration · individual additional information', 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ'),
  group('Registration · company identification', 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ'),
  group('Registration · company additional information', 'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ'),
  group('Accounts · balances', 'ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ'),
  group('Accounts · limits', 'ACCOUNTS_READ', 'ACCOUNTS_OVERDRAFT_LIMITS_READ'),
  group('Accounts · statements', 'ACCOUNTS_READ', 'ACCOUNTS_TRANSACTIONS_READ'),
  group('Credit card · limits', 'CREDIT_CARDS_ACCOUNTS_READ', 'CREDIT_CARDS_ACCOUNTS_LIMITS_READ'),
  group('Credit card · transactions', 'CREDIT_CARDS_ACCOUNTS_READ', 'CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ'),
  group(
    'Credit card · bills',
    'CREDIT_CARDS_ACCOUNTS_READ',
    'CREDIT_CARDS_ACCOUNTS_BILLS_READ',
    'CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ',
  ),
  group(
    'Credit operations · contract data',
    ...['LOANS', 'FINANCINGS', 'UNARRANGED_ACCOUNTS_OVERDRAFT', 'INVOICE_FINANCINGS'].flatMap((product) =>
      ['', '_WARRANTIES', '_SCHEDULED_INSTALMENTS', '_PAYMENTS'].map((part) => `${product}${part}_READ`),
    ),
  ),
  group(
    'Investments · operation data',
    'BANK_FIXED_INCOMES_READ',
    'CREDIT_FIXED_INCOMES_READ',
    'FUNDS_READ',
    'VARIABLE_INCOMES_READ',
    'TREASURE_TITLES_READ',
  ),
  group('Exchange · operation data', 'EXCHANGES_READ'),
];

/**
 * Open Insurance Brasil, phase 2: every data permission (`…_READ`) comes with RESOURCES_READ;
 * phase 3 permissions (`…_CREATE`, `…_UPDATE`) stand alone.
 */
function openInsuranceGroups(known: readonly string[]): PermissionGroup[] {
  return known
    .filter((permission) => permission !== RESOURCES)
    .map((permission) => (permission.endsWith('_READ') ? group(permission, permission) : { name: permission, permissions: [permission] }));
}

const TABLES: ReadonlyArray<(known: readonly string[]) => readonly PermissionGroup[]> = [() => OPEN_FINANCE_GROUPS, openInsuranceGroups];

/** The groups that apply to a spec whose permission enum is `known` (empty when none does). */
export function permissionGroupsFor(known: readonly string[]): readonly PermissionGroup[] {
  const names = new Set(known);
  for (const table of TABLES) {
    const groups = table(known);
    if (groups.length > 0 && groups.every((g) => g.permissions.every((permission) => names.has(permission)))) return groups;
  }
  return [];
}

/** The requested permissions no complete group covers (empty = the request is a union of whole groups). */
export function uncoveredPermissions(requested: readonly string[], groups: readonly PermissionGroup[]): string[] {
  const asked = new Set(requested);
  const covered = new Set<string>();
  for (const g of groups) if (g.permissions.every((permission) => asked.has(permission))) for (const p of g.permissions) covered.add(p);
  return [...asked].filter((permission) => !covered.has(permission));
}
