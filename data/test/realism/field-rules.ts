/**
 * Rules over one field. Each returns undefined when it does not apply, true
 * when the value is realistic, or a short reason when it is not. They judge by
 * the field's name and the value (and, for free text, whether its schema could
 * have held words), never by how the generator works.
 */
import { cnpj as cnpjValidator, cpf as cpfValidator } from 'cpf-cnpj-validator';
import { isValidAlphanumericCnpj, isValidCusip, isValidIsin } from './checksums.ts';
import { ISO_3166_ALPHA2, ISO_3166_ALPHA3, ISO_4217 } from './iso-lists.ts';

export interface FieldContext {
  key: string;
  /** The key lowercased without separators: `issuer_Name` → `issuername`. */
  n: string;
  value: unknown;
  schema: Record<string, unknown>;
  /** What the API is about, from its title, servers and tags. */
  domain: 'insurance' | 'investments' | 'credit' | 'other';
  /** The object's key the field sits in (`pix` for `pix.key`), lowercased without separators; '' at the top. */
  parent: string;
  /** The other members of the object the field sits in (a key's declared type beside it). */
  siblings: Readonly<Record<string, unknown>>;
}

type Verdict = undefined | true | string;
export interface FieldRule {
  id: string;
  check(field: FieldContext): Verdict;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;

/** Money is exchanged in ISO 4217 currencies; `HER` or `7Kd` is no currency. */
const currency: FieldRule = {
  id: 'iso-4217-currency',
  check: ({ n, value, schema }) => {
    const v = str(value);
    if (v === undefined || !/currency$|currencycode$/.test(n) || schema.enum !== undefined) return undefined;
    return ISO_4217.has(v) || `${v} is not an ISO 4217 code`;
  },
};

/** Countries are ISO 3166 codes of the length the field holds. */
const country: FieldRule = {
  id: 'iso-3166-country',
  check: ({ n, value }) => {
    const v = str(value);
    if (v === undefined || !/country(code)?$/.test(n) || !/^[A-Za-z]{2,3}$/.test(v)) return undefined;
    return (v.length === 2 ? ISO_3166_ALPHA2 : ISO_3166_ALPHA3).has(v) || `${v} is not an ISO 3166 code`;
  },
};

/** Securities identifiers carry a check digit that every custodian verifies. */
const securities: FieldRule = {
  id: 'isin-cusip-check-digit',
  check: ({ n, value }) => {
    const v = str(value);
    if (v === undefined) return undefined;
    if (/isin/.test(n)) return isValidIsin(v) || `ISIN ${v} has a wrong check digit or shape`;
    if (/cusip/.test(n)) return isValidCusip(v) || `CUSIP ${v} has a wrong check digit or shape`;
    return undefined;
  },
};

/** A CPF or CNPJ field holds a document whose check digits the Receita would accept. */
const document: FieldRule = {
  id: 'cpf-cnpj-check-digit',
  check: ({ n, value }) => {
    const v = str(value);
    if (v === undefined || !/cpf|cnpj/.test(n)) return undefined;
    const clean = v.replace(/[.\-/]/g, '');
    if (/cpf/.test(n) && !/cnpj/.test(n)) return cpfValidator.isValid(clean) || `CPF ${v} is invalid`;
    if (/cnpj/.test(n) && !/cpf/.test(n)) return cnpjValidator.isValid(clean) || isValidAlphanumericCnpj(clean) || `CNPJ ${v} is invalid`;
    return clean.length === 11
      ? cpfValidator.isValid(clean) || `CPF ${v} is invalid`
      : cnpjValidator.isValid(clean) || isValidAlphanumericCnpj(clean) || `document ${v} is invalid`;
  },
};

/** Rates are plausible: an annual rate as a fraction lies in 0..10 (1000%), as a percentage in 0..1000. */
const rate: FieldRule = {
  id: 'plausible-rate',
  check: ({ n, value, schema }) => {
    const v = num(value);
    if (v === undefined || !/rate$|taxa$|^rate/.test(n) || /exchange|ratetype|rateindexer|count/.test(n)) return undefined;
    // A percentage where the schema says so or its pattern admits three integer digits (`^\d{1,3}\.\d{1,9}$`).
    const percent =
      v > 10 && (/percent|%|porcent/i.test(JSON.stringify(schema)) || (patternOf(schema) !== undefined && acceptsPattern(schema, '100.5')));
    return (v >= 0 && v <= (percent ? 1000 : 10)) || `rate ${v} is implausible`;
  },
};

/** Counts of things (instalments, payments, events) are whole numbers. */
const count: FieldRule = {
  id: 'integer-count',
  check: ({ n, value, schema }) => {
    if (
      !/count$|quantity$|qty|numberof|^total(number|count)|instal+ments?(number|quantity|count)?$|^(paid|due|pastdue|remaining|total)instal/.test(
        n,
      )
    )
      return undefined;
    if (/amount|value|date|type|method|periodicity|id$|account$/.test(n) || schema.enum !== undefined) return undefined;
    const v = num(value);
    if (v === undefined) return typeof value === 'string' && acceptsDigits(schema) ? `count "${value}" is not a number` : undefined;
    return (Number.isInteger(v) && v >= 0) || `count ${v} is not a whole number`;
  },
};

/** A name has letters and reads as a name: not digits, not symbols. */
const names: FieldRule = {
  id: 'name-is-a-name',
  check: ({ n, value, schema }) => {
    const v = str(value);
    if (v === undefined || !/name$/.test(n) || schema.enum !== undefined || !wordsFit(schema)) return undefined;
    if (/^https?:/.test(v)) return `name "${v}" is a URL`;
    const letters = (v.match(/\p{L}/gu) ?? []).length;
    const visible = v.replace(/\s/g, '').length;
    return (letters > 0 && letters / visible >= 0.6 && !/[[\]{}<>^~|\\=#*$;]/.test(v)) || `name "${v}" is not a name`;
  },
};

/** Any free text reads as text: no value that is mostly punctuation (`K4-^4P`, `]Ss`). */
const freeText: FieldRule = {
  id: 'text-not-symbol-soup',
  check: ({ value, schema }) => {
    const v = str(value);
    if (v === undefined || v.length < 2 || schema.enum !== undefined || schema.format !== undefined || !wordsFit(schema)) return undefined;
    return !/[[\]{}<>^~|\\=`]/.test(v) && (v.match(/[\p{L}\p{N}\s]/gu) ?? []).length / v.length >= 0.7
      ? true
      : `text "${v}" is symbol soup`;
  },
};

/** Market codes as the exchange prints them: a B3 ticker (`PETR4`, `HGLG11`), a clearing-house registration code (`CDB421GPXXX`). */
const marketCodes: FieldRule = {
  id: 'market-code',
  check: ({ n, value, schema }) => {
    const v = str(value);
    if (v === undefined || schema.enum !== undefined) return undefined;
    if (/^ticker$/.test(n)) return /^[A-Z]{4}\d{1,2}$/.test(v) || `ticker "${v}" is not a B3 code`;
    if (/(clearing|registration)code$/.test(n)) return /^[A-Z0-9]{6,30}$/.test(v) || `registration code "${v}" is not a code`;
    return undefined;
  },
};

const CREDIT_WORDS = /financiamento|empr[eé]stimo|cr[eé]dito|\bcdc\b|consignado|cheque especial|home equity|custeio/i;
const INSURANCE_WORDS = /seguro|ap[oó]lice|sinistro|previd[eê]ncia|capitaliza/i;

/** A product is of the API's own domain: an insurance API sells no car loan, a credit API no policy, an investments API neither. */
const productDomain: FieldRule = {
  id: 'product-of-the-domain',
  check: ({ n, value, domain }) => {
    const v = str(value);
    if (v === undefined || domain === 'other' || !/product(name|type|description)?$|^(plan|coverage|modality)name$/.test(n))
      return undefined;
    if (domain === 'insurance') return !CREDIT_WORDS.test(v) || `insurance product "${v}" is a credit product`;
    if (domain === 'investments')
      return (!CREDIT_WORDS.test(v) && !INSURANCE_WORDS.test(v)) || `investment product "${v}" is a loan or a policy`;
    return !INSURANCE_WORDS.test(v) || `credit product "${v}" is an insurance product`;
  },
};

/**
 * ANBIMA's fund classification, level 1 ("classe de ativos" of the Código ANBIMA de Administração de
 * Recursos de Terceiros and its classification rules): what a category field holds when the spec
 * enumerates nothing. Compared without accents, case or separators.
 */
const ANBIMA_CLASSES = new Set(
  ['Renda Fixa', 'Ações', 'Multimercado', 'Multimercados', 'Cambial', 'Previdência', 'ETF', 'FIDC', 'FII', 'FIP', 'Off Shore'].map((name) =>
    plain(name),
  ),
);

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** An ANBIMA category holds one the spec enumerates, else one of ANBIMA's own classes. */
const anbimaCategory: FieldRule = {
  id: 'anbima-category',
  check: ({ n, value, schema }) => {
    const v = str(value);
    if (v === undefined || !/anbima/.test(n) || !/categor|class/.test(n)) return undefined;
    if (Array.isArray(schema.enum)) return schema.enum.includes(v) || `${v} is not a category the spec enumerates`;
    return ANBIMA_CLASSES.has(plain(v)) || `${v} is not an ANBIMA class`;
  },
};

type PixKind = 'CPF' | 'CNPJ' | 'EMAIL' | 'PHONE' | 'EVP';

/** What kind of key the DICT would take a value for: CPF/CNPJ with check digits, e-mail, +55 mobile (E.164), EVP UUID. */
function pixKindOf(value: string): PixKind | undefined {
  if (/^\d{11}$/.test(value) && cpfValidator.isValid(value)) return 'CPF';
  if (/^\d{14}$/.test(value) && cnpjValidator.isValid(value)) return 'CNPJ';
  if (value.length <= 77 && /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(value)) return 'EMAIL';
  if (/^\+55[1-9][1-9]9\d{8}$/.test(value)) return 'PHONE';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'EVP';
  return undefined;
}

/** The kind a declared key type names (`PHONE_NUMBER`, `ALEATORY_KEY`, `TAXPAYER_ID`, `EMAIL`…), if it names one. */
function declaredPixKinds(type: unknown): readonly PixKind[] | undefined {
  const t = typeof type === 'string' ? type.toUpperCase() : '';
  if (/E-?MAIL/.test(t)) return ['EMAIL'];
  if (/PHONE|TELEFONE|CELULAR/.test(t)) return ['PHONE'];
  if (/CNPJ/.test(t)) return ['CNPJ'];
  if (/CPF/.test(t)) return ['CPF'];
  if (/TAXPAYER|DOCUMENT/.test(t)) return ['CPF', 'CNPJ'];
  if (/EVP|ALEAT|RANDOM/.test(t)) return ['EVP'];
  return undefined;
}

/**
 * A PIX key (`pixKey`, `dictKey`, ISO 20022's `proxy`, `pix.key`) is a key the DICT accepts, and of the type
 * declared beside it when there is one.
 */
const pixKeyRule: FieldRule = {
  id: 'pix-key',
  check: ({ n, value, parent, siblings }) => {
    const v = str(value);
    if (v === undefined || !(/pixkey|dictkey/.test(n) || n === 'proxy' || (n === 'key' && parent === 'pix'))) return undefined;
    const kind = pixKindOf(v);
    if (kind === undefined) return `PIX key ${v} is no CPF, CNPJ, e-mail, +55 mobile or EVP`;
    const typeKey = Object.keys(siblings).find((k) => /^(key_?type|keytype|proxytype|type)$/i.test(k) && k !== 'key');
    const declared = typeKey === undefined ? undefined : declaredPixKinds(siblings[typeKey]);
    return (
      declared === undefined || declared.includes(kind) || `PIX key ${v} is a ${kind} key, but its type says ${String(siblings[typeKey!])}`
    );
  },
};

/** The field's pattern; on a number the spec loader keeps it aside as the rule of the number's text. */
function patternOf(schema: Record<string, unknown>): string | undefined {
  const text = schema['x-aferir-number-text'] as { pattern?: unknown } | undefined;
  const pattern = schema.pattern ?? text?.pattern;
  return typeof pattern === 'string' ? pattern : undefined;
}

/** Whether a text field could have held a plain number (then a word in it is a wrong count). */
function acceptsDigits(schema: Record<string, unknown>): boolean {
  return acceptsPattern(schema, '12');
}

function acceptsPattern(schema: Record<string, unknown>, sample: string): boolean {
  const pattern = patternOf(schema);
  if (pattern === undefined) return true;
  try {
    return new RegExp(pattern, 'u').test(sample);
  } catch {
    return false;
  }
}

/** Whether the field's schema could hold a few Portuguese words (no pattern, or one that accepts them). */
function wordsFit(schema: Record<string, unknown>): boolean {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 100;
  if (max < 4) return false;
  if (typeof schema.pattern !== 'string') return true;
  let re: RegExp;
  try {
    re = new RegExp(schema.pattern, 'u');
  } catch {
    return false;
  }
  return ['Texto', 'texto', 'TEXTO', 'Texto livre', 'TEXTO LIVRE'].some((s) => s.length <= max && re.test(s));
}

export const FIELD_RULES: readonly FieldRule[] = [
  currency,
  country,
  securities,
  marketCodes,
  document,
  rate,
  count,
  names,
  freeText,
  productDomain,
  anbimaCategory,
  pixKeyRule,
];
