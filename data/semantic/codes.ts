/** ISO codes a field can hold: currencies (ISO 4217) and countries (ISO 3166), home first. */
import type { Rng } from '../random.ts';

/** Currencies Brazilians hold or exchange most (all ISO 4217). */
const FOREIGN_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'ARS', 'CLP', 'CNY'];

/** BRL for a home amount; a common foreign currency where the name says foreign/exchange. */
export function currencyCode(name: string, rng: Rng): string {
  return /foreign|estrangeira|exchange/i.test(name)
    ? rng.pick(FOREIGN_CURRENCIES)
    : rng.chance(0.85)
      ? 'BRL'
      : rng.pick(FOREIGN_CURRENCIES);
}

/** Countries (alpha-2, alpha-3) where Brazilian clients most often have ties abroad, Brazil first. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ['BR', 'BRA'],
  ['US', 'USA'],
  ['PT', 'PRT'],
  ['AR', 'ARG'],
  ['DE', 'DEU'],
  ['ES', 'ESP'],
  ['IT', 'ITA'],
  ['JP', 'JPN'],
];

/** A country code of the length the field takes; mostly Brazil. */
export function countryCode(length: 2 | 3, rng: Rng): string {
  const [alpha2, alpha3] = rng.chance(0.8) ? COUNTRIES[0]! : rng.pick(COUNTRIES);
  return length === 2 ? alpha2 : alpha3;
}
