/**
 * The Open Finance resource an Opus route serves. Opus re-cuts each Open Finance
 * endpoint as a POST route named by its last word (`/balances`, `/find`) and keeps
 * the Open Finance operationId, which spells the resource path in camel case:
 * `<api>Get` then the path's segments, each path parameter written as the singular
 * of the segment before it (or a qualified singular) plus `Id` (`accountsGetAccountsAccountIdBalances` is
 * `/accounts/{accountId}/balances`). Routes whose operationId does not follow that
 * rule (discovery, `/check-account-holder`) serve the resource their own path names.
 */
import type { Operation } from '../../specs/types.ts';

const AFTER_GET = /^[a-z][A-Za-z0-9]*?Get([A-Z][A-Za-z0-9]*)$/;

export function resourcePathFromOperationId(operation: Operation): string | undefined {
  const spelled = AFTER_GET.exec(operation.id)?.[1];
  if (spelled === undefined) return undefined;
  const segments: string[] = [];
  let words: string[] = [];
  for (const word of spelled.match(/[A-Z][a-z0-9]*/g) ?? []) {
    if (word !== 'Id') {
      words.push(word);
      continue;
    }
    const split = parameterSplit(words);
    if (split === undefined) return undefined;
    if (split.segment.length > 0) segments.push(kebab(split.segment));
    segments.push(`{${camel(split.parameter)}Id}`);
    words = [];
  }
  if (words.length > 0) segments.push(kebab(words));
  return `/${segments.join('/')}`;
}

/**
 * Splits `Accounts Account` into the segment `Accounts` and the parameter `Account` (its singular). A
 * parameter may qualify that singular (`Accounts CreditCardAccount`: `/accounts/{creditCardAccountId}`);
 * the plain singular is looked for first.
 */
function parameterSplit(words: string[]): { segment: string[]; parameter: string[] } | undefined {
  const splits = Array.from({ length: Math.max(0, words.length - 1) }, (_, i) => ({
    segment: words.slice(0, words.length - 1 - i),
    parameter: words.slice(words.length - 1 - i),
  }));
  const plain = splits.find(({ segment, parameter }) => {
    const named = segment.slice(-parameter.length).join('').toLowerCase();
    return singular(named) === parameter.join('').toLowerCase();
  });
  if (plain !== undefined) return plain;
  return splits.find(({ segment, parameter }) => {
    const last = segment.at(-1)?.toLowerCase() ?? '';
    return parameter.length > 1 && parameter.join('').toLowerCase().endsWith(singular(last));
  });
}

const singular = (word: string): string => word.replace(/s$/, '');
const kebab = (words: string[]): string => words.map((word) => word.toLowerCase()).join('-');
const camel = (words: string[]): string => words.map((word, i) => (i === 0 ? word.toLowerCase() : word)).join('');
