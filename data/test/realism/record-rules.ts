/**
 * Rules over one record (a JSON object): values that must agree with their
 * siblings. Each returns the number of checks it made and the reasons of the
 * ones that failed.
 */
import { getMunicipalities } from '@brazilian-utils/brazilian-utils';
import { IBGE_STATE_CODES } from './checksums.ts';
import { CEP_RANGES } from './iso-lists.ts';

interface RecordResult {
  checked: number;
  violations: string[];
}
export interface RecordRule {
  id: string;
  check(record: Record<string, unknown>, now: Date): RecordResult;
}

const norm = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const plain = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
function find(record: Record<string, unknown>, pattern: RegExp): Array<[string, unknown]> {
  return Object.entries(record).filter(([key, value]) => pattern.test(norm(key)) && value !== null && typeof value !== 'object');
}

/** The IBGE list (5,571 municipalities) as published in @brazilian-utils, a well-kept package with IBGE's own table. */
const IBGE = new Map(getMunicipalities().map((m: { code: string; name: string; stateCode: string }) => [m.code, m]));

/** An IBGE code exists, starts with its state's code, and names the city and UF written beside it. */
const ibge: RecordRule = {
  id: 'ibge-municipality',
  check(record) {
    const out: RecordResult = { checked: 0, violations: [] };
    const state = find(record, /^(state|uf|countrysubdivision|statecode|federativeunit)$/)[0]?.[1];
    const city = find(record, /^(city|town|townname|cityname|municipality|municipalityname)$/)[0]?.[1];
    for (const [key, value] of find(record, /ibge|municipalitycode|towncode|citycode/)) {
      out.checked++;
      const code = String(value);
      const place = IBGE.get(code);
      if (!place) out.violations.push(`${key} ${code} is no IBGE municipality`);
      else if (typeof state === 'string' && (place.stateCode !== state || IBGE_STATE_CODES[state] !== code.slice(0, 2)))
        out.violations.push(`${key} ${code} (${place.name}/${place.stateCode}) is not in ${state}`);
      else if (typeof city === 'string' && plain(place.name) !== plain(city))
        out.violations.push(`${key} ${code} is ${place.name}, not ${city}`);
    }
    return out;
  },
};

/** A CEP lies in the Correios range of the state beside it. */
const cep: RecordRule = {
  id: 'cep-in-state',
  check(record) {
    const out: RecordResult = { checked: 0, violations: [] };
    const state = find(record, /^(state|uf|countrysubdivision|statecode|federativeunit)$/)[0]?.[1];
    if (typeof state !== 'string' || !CEP_RANGES[state]) return out;
    for (const [key, value] of find(record, /^cep$|postcode|postalcode|zipcode/)) {
      const digits = String(value).replace(/\D/g, '');
      if (digits.length !== 8) continue;
      out.checked++;
      const prefix = Number(digits.slice(0, 5));
      if (!CEP_RANGES[state].some(([low, high]) => prefix >= low && prefix <= high))
        out.violations.push(`${key} ${String(value)} is not a CEP of ${state}`);
    }
    return out;
  },
};

const DATE = /^\d{4}-\d{2}-\d{2}/;
/** Pairs (earlier, later) of date names that follow each other in any real record. */
const ORDER: Array<[RegExp, RegExp]> = [
  [/start|begin|initial|inicio/, /end|final|termination|fim/],
  [/issue|emission/, /due|maturity|expiration/],
  [/contract(date|ed)?$|contractdate|signature/, /settlement|liquidation/],
  [/opening|open(ed)?date/, /closing|closed?date/],
];

/** Dates within a record follow their natural order: start ≤ end, issue ≤ due/maturity, contract ≤ settlement, opening ≤ closing. */
const dateOrder: RecordRule = {
  id: 'dates-in-order',
  check(record) {
    const out: RecordResult = { checked: 0, violations: [] };
    const dates = Object.entries(record).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && DATE.test(e[1]) && /date|day|at$/i.test(e[0]),
    );
    for (const [early, late] of ORDER) {
      for (const [a, av] of dates) {
        if (!early.test(norm(a)) || late.test(norm(a))) continue;
        for (const [b, bv] of dates) {
          if (a === b || !late.test(norm(b)) || early.test(norm(b)) || !sameStem(a, b, early, late)) continue;
          out.checked++;
          if (av.slice(0, 10) > bv.slice(0, 10)) out.violations.push(`${a} ${av} is after ${b} ${bv}`);
        }
      }
    }
    return out;
  },
};

/** `startDate`/`endDate` pair; `coverageStartDate`/`policyEndDate` do not (different things). */
function sameStem(a: string, b: string, early: RegExp, late: RegExp): boolean {
  const stem = (key: string, word: RegExp) =>
    norm(key)
      .replace(word, '')
      .replace(/date|day|time|at$/g, '');
  const sa = stem(a, early);
  const sb = stem(b, late);
  return sa === sb || sa === '' || sb === '';
}

/** Birth is in the past; a customer with a marital status, occupation or income is an adult. */
const birth: RecordRule = {
  id: 'birth-in-the-past',
  check(record, now) {
    const out: RecordResult = { checked: 0, violations: [] };
    const adult = Object.keys(record).some((k) => /marital|occupation|income|profession/.test(norm(k)));
    for (const [key, value] of find(record, /birth/)) {
      if (typeof value !== 'string' || !DATE.test(value)) continue;
      out.checked++;
      const years = (now.getTime() - Date.parse(value.slice(0, 10))) / (365.25 * 86_400_000);
      if (years < 0) out.violations.push(`${key} ${value} is in the future`);
      else if (adult && years < 18)
        out.violations.push(`${key} ${value}: a customer with marital status/occupation/income aged ${years.toFixed(1)}`);
    }
    return out;
  },
};

const amountOf = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (v && typeof v === 'object' && 'amount' in v) return amountOf((v as { amount: unknown }).amount);
  return undefined;
};

/** Amounts relate: paid ≤ contracted; instalment × number of instalments ≈ total. */
const amounts: RecordRule = {
  id: 'amounts-relate',
  check(record) {
    const out: RecordResult = { checked: 0, violations: [] };
    const entries = Object.entries(record);
    const pick = (re: RegExp) =>
      entries
        .filter(([k]) => re.test(norm(k)))
        .map(([k, v]) => [k, amountOf(v)] as const)
        .find(([, v]) => v !== undefined);
    const paid = pick(/^paid(amount|value)$|^amountpaid$/);
    const contracted = pick(/^contract(ed)?(amount|value)$/);
    if (paid && contracted) {
      out.checked++;
      if (paid[1]! > contracted[1]! + 0.01) out.violations.push(`${paid[0]} ${paid[1]} exceeds ${contracted[0]} ${contracted[1]}`);
    }
    const instalment = pick(/^instal+ment(amount|value)$/);
    const number = pick(
      /^(total)?(numberof)?instal+ments?(number|count|quantity)?$|^numberofinstal+ments(total)?$|^totalnumberofinstal+ments$/,
    );
    const total = pick(/^total(amount|value)$/);
    if (instalment && number && total && number[1]! > 0) {
      out.checked++;
      const ratio = (instalment[1]! * number[1]!) / total[1]!;
      if (!(ratio >= 0.5 && ratio <= 2.5)) out.violations.push(`${instalment[0]} × ${number[0]} is ${ratio.toFixed(2)} × ${total[0]}`);
    }
    return out;
  },
};

export const RECORD_RULES: readonly RecordRule[] = [ibge, cep, dateOrder, birth, amounts];
