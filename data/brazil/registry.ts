/**
 * Numbers of Brazilian registries that are not persons or banks: SUSEP
 * process numbers (the federal protocol number, NUP, with its two mod-11
 * check digits) and IPOC contract codes of the Open Finance credit APIs.
 */
import type { Rng } from '../random.ts';

/** Federal protocol check digits (Portaria SLTI 3/2003): mod 11 with weights 2, 3, … from the right, twice. */
function nupDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i + 2);
  const rest = 11 - (sum % 11);
  return rest >= 10 ? rest - 10 : rest;
}

/** `15414.NNNNNN/YYYY-DD`: 15414 is SUSEP's protocol unit; the digits follow the NUP rule. */
export function susepProcessNumber(rng: Rng, year: number): string {
  const base = `15414${rng.digits(6)}${year}`;
  const d1 = nupDigit(base);
  const d2 = nupDigit(`${base}${d1}`);
  return `${base.slice(0, 5)}.${base.slice(5, 11)}/${base.slice(11)}-${d1}${d2}`;
}

export function isValidSusepProcessNumber(text: string): boolean {
  const match = /^(\d{5})\.(\d{6})\/(\d{4})-(\d)(\d)$/.exec(text);
  if (!match) return false;
  const base = `${match[1]}${match[2]}${match[3]}`;
  const d1 = nupDigit(base);
  return Number(match[4]) === d1 && Number(match[5]) === nupDigit(`${base}${d1}`);
}

/**
 * IPOC (identificador do pagamento de operação de crédito, SCR): the lender's CNPJ root, the operation's
 * modality code (4 digits, e.g. 0401 vehicles) and the contract number.
 */
export function ipocCode(cnpj: string, modality: string, contractNumber: string): string {
  return `${cnpj.slice(0, 8)}${modality}${contractNumber}`.slice(0, 67);
}
