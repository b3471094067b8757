/**
 * Numeric fields by name: money (two decimals, magnitude by what the field
 * is), rates (fractions or percentages, whichever the field's bounds and
 * text rules accept), counts of instalments, days, versions and sequences.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import { compileLeafCheck } from '../schema/checks.ts';
import type { FieldHint, Producer } from '../schema/plan.ts';
import { amountNumber, amountRange, isAmountName, isRateName, rateRange } from './money.ts';

const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export function numberSemantics(schema: JsonSchemaObject, hint: FieldHint, type: 'number' | 'integer'): Producer | undefined {
  const n = norm(hint.name);
  const check = compileLeafCheck(schema);

  if (isRateName(hint.name) && type === 'number') {
    // Fraction (0.0199) where the bounds allow only that; a percentage with a fractional part (1.99) otherwise.
    const asPercentage =
      !check(0.0199) ||
      (typeof schema.maximum === 'number' ? schema.maximum > 1 : /percent|taxa/.test(n)) ||
      !!schema['x-aferir-number-text'];
    return (state, siblings) => {
      const [low, high] = rateRange(hint.name, hint.parent, siblings);
      const fraction = state.rng.float(low, high);
      const value = asPercentage ? Math.round(fraction * 100 * 1e4) / 1e4 : Math.round(fraction * 1e6) / 1e6;
      return Number.isInteger(value) ? value + 0.5 : value;
    };
  }
  // "totalNumberOfInstallments" reads as a total, but it counts things: whole numbers, not money.
  const counts = /numberof|quantity|count$/.test(n) && !/amount|value/.test(n);
  if (type === 'number' && !counts && isAmountName(hint.name, hint.parent)) {
    const range = amountRange(hint.name, hint.parent);
    return (state) => amountNumber(state.rng, range);
  }
  if (type === 'integer' || /quantity|count|number|instal|install|period|day|version|sequential/.test(n)) {
    if (/sequential|sequence/.test(n)) return (state) => state.rng.int(100_000, 9_999_999);
    if (/version/.test(n)) return (state) => state.rng.int(1, 6);
    if (/runningday|days$/.test(n)) return (state) => state.rng.int(1, 1800);
    if (/day/.test(n)) return (state) => state.rng.int(1, 28);
    if (/period|instal|install|payments|quantity|remaining|paid|due|amortization|total|number/.test(n))
      return (state) => state.rng.int(1, 48);
    if (/count|records|pages/.test(n)) return (state) => state.rng.int(0, 25);
  }
  return undefined;
}
