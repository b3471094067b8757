/**
 * Real institutions from the `bancos-brasileiros` package (COMPE, ISPB, CNPJ,
 * names), and branch/account numbers whose check digit passes the bank's own
 * rule as @brazilian-utils' isValidBankAccount implements it (Banco do Brasil,
 * Bradesco, Itaú, Santander…); banks without a published rule get the common
 * mod-11 digit.
 */
import { isValidBankAccount } from '@brazilian-utils/brazilian-utils';
import bankList from 'bancos-brasileiros' with { type: 'json' };
import type { Rng } from '../random.ts';
import { isValidCnpj } from './documents.ts';

export interface Bank {
  compe: string;
  ispb: string;
  /** CNPJ digits of the legal entity. */
  cnpj: string;
  /** Registered name, e.g. `Banco do Brasil S.A.`. */
  name: string;
  /** The brand people know, e.g. `Banco do Brasil`. */
  brand: string;
  type: string | null;
}

interface RawBank {
  COMPE: string;
  ISPB: string;
  Document: string;
  LongName: string;
  Type: string | null;
  PixType?: string | null;
}

const SMALL_WORDS = new Set(['de', 'da', 'do', 'dos', 'das', 'e']);

/** `NU PAGAMENTOS S.A. - INSTITUIÇÃO DE PAGAMENTO` → `Nu Pagamentos`; `Banco do Brasil S.A.` → `Banco do Brasil`; `BRB` stays. */
function brandOf(longName: string): string {
  let brand = longName
    .replace(/\s+[-–]\s+.*$/, '')
    .replace(/\s+(S\.?\/?A\.?|Ltda\.?)\s*$/i, '')
    .trim();
  if (!/[a-z]/.test(brand.replace(/[^A-Za-z]/g, '')) || /^[A-ZÀ-Ú\s]+$/.test(brand)) {
    brand = brand
      .toLowerCase()
      .split(' ')
      .map((word, i) => {
        if (i > 0 && SMALL_WORDS.has(word)) return word;
        if (word.length <= 3 && brand.split(' ').length === 1) return word.toUpperCase();
        return word.replace(/^(\(?)(.)/, (_, paren: string, first: string) => paren + first.toUpperCase());
      })
      .join(' ');
  }
  return brand || longName;
}

let banks: Bank[] | undefined;
let retail: Bank[] | undefined;

/** Every institution with a 3-digit COMPE code and a CNPJ whose check digits are valid. */
export function allBanks(): Bank[] {
  banks ??= (bankList as unknown as RawBank[])
    .filter((b) => /^\d{3}$/.test(b.COMPE) && /^\d{8}$/.test(b.ISPB))
    .map((b) => ({
      compe: b.COMPE,
      ispb: b.ISPB,
      cnpj: b.Document.replace(/\D/g, ''),
      name: b.LongName,
      brand: brandOf(b.LongName),
      type: b.Type,
    }))
    .filter((b) => isValidCnpj(b.cnpj));
  return banks;
}

/** Banks that hold retail accounts (multiple/commercial banks, Caixa, cooperatives): the transmitters and counterparties. */
export function retailBanks(): Bank[] {
  retail ??= allBanks().filter((b) => b.type !== null && /M[uú]ltiplo|Comercial|Caixa/.test(b.type) && !/Estrangeiro/.test(b.type));
  return retail;
}

/** COMPE codes of the institutions most Brazilians bank with (names, ISPB and CNPJ still come from the package). */
const MAJOR_COMPES = [
  '001',
  '237',
  '341',
  '104',
  '033',
  '260',
  '077',
  '336',
  '748',
  '756',
  '212',
  '070',
  '655',
  '041',
  '422',
  '623',
  '380',
  '323',
  '290',
  '403',
];
let major: Bank[] | undefined;

/** The big retail banks and fintechs, for transmitters, aggregator links and most counterparties. */
export function majorBanks(): Bank[] {
  major ??= MAJOR_COMPES.map((compe) => allBanks().find((b) => b.compe === compe)).filter((b): b is Bank => b !== undefined);
  return major.length > 0 ? major : retailBanks();
}

export function bankByCompe(compe: string): Bank | undefined {
  return allBanks().find((b) => b.compe === compe);
}

const CHECK_CHARACTERS = [...'0123456789X'];

interface AccountShape {
  /** Digits of the account number without its check digit. */
  length: number;
  /** Whether the bank has its own rule in @brazilian-utils (otherwise the common mod-11 digit applies). */
  ownRule: boolean;
}

const shapes = new Map<string, AccountShape>();

/** Finds the account length the bank's rule accepts: the one where exactly one check character validates. */
function accountShape(compe: string): AccountShape {
  let shape = shapes.get(compe);
  if (shape) return shape;
  shape = { length: 8, ownRule: false };
  let loose: AccountShape | undefined;
  for (const length of [8, 7, 5, 9, 10, 11, 12, 6]) {
    const account = '3141592653589'.slice(0, length);
    const valid = CHECK_CHARACTERS.filter((digit) => isValidBankAccount({ bankCode: compe, agency: '1234', account, digit }));
    // No rule at all: every character passes. A rule: exactly one passes (or a few, for rules that vary with the branch).
    if (valid.length === CHECK_CHARACTERS.length) break;
    if (valid.length === 1) {
      shape = { length, ownRule: true };
      loose = undefined;
      break;
    }
    if (valid.length > 1) loose ??= { length, ownRule: true };
  }
  if (loose) shape = loose;
  shapes.set(compe, shape);
  return shape;
}

function mod11CheckDigit(digits: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const rest = 11 - (sum % 11);
  return rest >= 10 ? '0' : String(rest);
}

export interface BankAccountNumber {
  branch: string;
  /** The account number as the bank writes it (its own length), without the check digit. */
  account: string;
  checkDigit: string;
}

/**
 * A branch (4 digits, or the one given: some banks' digits depend on it) and an account number whose check digit
 * the bank's rule accepts.
 */
export function bankAccountNumber(rng: Rng, compe: string, fixedBranch?: string): BankAccountNumber {
  const shape = accountShape(compe);
  const branch = fixedBranch ?? String(rng.int(1, 4999)).padStart(4, '0');
  for (let attempt = 0; attempt < 32; attempt++) {
    const account = `${rng.int(1, 9)}${rng.digits(shape.length - 1)}`;
    if (!shape.ownRule) return { branch, account, checkDigit: mod11CheckDigit(account) };
    const digit = CHECK_CHARACTERS.find((d) => isValidBankAccount({ bankCode: compe, agency: branch, account, digit: d }));
    if (digit !== undefined) return { branch, account, checkDigit: digit };
  }
  const account = `${rng.int(1, 9)}${rng.digits(shape.length - 1)}`;
  return { branch, account, checkDigit: mod11CheckDigit(account) };
}

/** Whether a branch/account/digit triple passes the bank's rule (or the common mod-11 rule where it has none). */
export function isValidAccountDigit(compe: string, branch: string, account: string, digit: string): boolean {
  const shape = accountShape(compe);
  if (!shape.ownRule)
    return mod11CheckDigit(account.replace(/^0+(?=\d)/, '').padStart(shape.length, '0')) === digit || mod11CheckDigit(account) === digit;
  return isValidBankAccount({ bankCode: compe, agency: branch, account, digit });
}
