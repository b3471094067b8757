/**
 * The OAuth scopes a data consent's permissions need (Open Finance Brasil's
 * scope per API family: ACCOUNTS_* → accounts, CREDIT_CARDS_ACCOUNTS_* →
 * credit-cards-accounts, RESOURCES_READ → resources, …), kept to the ones the
 * server lists in scopes_supported when it lists any.
 */
const SCOPE_BY_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['RESOURCES_', 'resources'],
  ['ACCOUNTS_', 'accounts'],
  ['CREDIT_CARDS_ACCOUNTS_', 'credit-cards-accounts'],
  ['CUSTOMERS_', 'customers'],
  ['LOANS_', 'loans'],
  ['FINANCINGS_', 'financings'],
  ['UNARRANGED_ACCOUNTS_OVERDRAFT_', 'unarranged-accounts-overdraft'],
  ['INVOICE_FINANCINGS_', 'invoice-financings'],
  ['BANK_FIXED_INCOMES_', 'bank-fixed-incomes'],
  ['CREDIT_FIXED_INCOMES_', 'credit-fixed-incomes'],
  ['VARIABLE_INCOMES_', 'variable-incomes'],
  ['TREASURE_TITLES_', 'treasure-titles'],
  ['FUNDS_', 'funds'],
  ['EXCHANGES_', 'exchanges'],
];

export function scopesFor(permissions: readonly string[], supported: readonly string[] | undefined): string[] {
  const scopes = new Set<string>();
  for (const permission of permissions) {
    // The longest prefix wins: CREDIT_CARDS_ACCOUNTS_READ is not ACCOUNTS_.
    const match = SCOPE_BY_PREFIX.filter(([prefix]) => permission.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
    if (match) scopes.add(match[1]);
  }
  const list = [...scopes];
  return supported && supported.length > 0 ? list.filter((scope) => supported.includes(scope)) : list;
}
