/**
 * CPF and CNPJ with valid check digits, drawn from our seeded PRNG (the
 * libraries' generators use Math.random, which would break determinism).
 * The check-digit rule is the Receita Federal's mod 11; the alphanumeric CNPJ
 * (in force from July 2026) uses the same weights on `charCode - 48`, so one
 * function serves both.
 */
import type { Rng } from '../random.ts';

function mod11Digit(values: number[], weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * (weights[i] ?? 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** Completes 9 base digits with the two CPF check digits. */
function cpfFromBase(base: string): string {
  const values = [...base].map(Number);
  values.push(mod11Digit(values, CPF_W1));
  values.push(mod11Digit(values, CPF_W2));
  return values.join('');
}

/** Completes 12 base characters (digits, or digits and A–Z) with the two CNPJ check digits. */
export function cnpjFromBase(base: string): string {
  const values = [...base.toUpperCase()].map((c) => c.charCodeAt(0) - 48);
  const d1 = mod11Digit(values, CNPJ_W1);
  const d2 = mod11Digit([...values, d1], CNPJ_W2);
  return `${base.toUpperCase()}${d1}${d2}`;
}

/** A CPF with valid check digits; never a repdigit such as 111.111.111-11, which validators reject. */
export function generateCpf(rng: Rng): string {
  let base = rng.digits(9);
  if (/^(\d)\1{8}$/.test(base)) base = `${base.slice(0, 8)}${(Number(base[8]) + 1) % 10}`;
  return cpfFromBase(base);
}

/** A numeric CNPJ of a head office (branch 0001) or, sometimes, a branch. */
export function generateCnpj(rng: Rng): string {
  let root = rng.digits(8);
  if (/^(\d)\1{7}$/.test(root)) root = `${root.slice(0, 7)}${(Number(root[7]) + 1) % 10}`;
  const branch = rng.chance(0.8) ? '0001' : `000${rng.int(2, 9)}`;
  return cnpjFromBase(`${root}${branch}`);
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An alphanumeric CNPJ (new format): 8 root + 4 branch characters in [0-9A-Z], two numeric check digits. */
export function generateAlphanumericCnpj(rng: Rng): string {
  let base = '';
  for (let i = 0; i < 8; i++) base += ALNUM[rng.int(0, ALNUM.length - 1)];
  base += rng.chance(0.8) ? '0001' : `000${rng.int(2, 9)}`;
  if (!/[A-Z]/.test(base)) base = `A${base.slice(1)}`;
  return cnpjFromBase(base);
}

export function isValidCnpj(text: string): boolean {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(text) || /^(\d)\1{13}$/.test(text)) return false;
  return cnpjFromBase(text.slice(0, 12)) === text;
}
