/**
 * Securities identifiers with the check digit custodians verify: ISIN
 * (ISO 6166, Brazilian form BR + issuer + kind + Luhn digit) and CUSIP; and the
 * codes the market reads: B3 tickers, clearing-house registration codes.
 */
import type { Rng } from '../random.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** B3's security kinds in the ISIN's 7th–9th characters: shares (ON/PN), debentures, bank notes, treasury. */
const KINDS = ['ACN', 'ACNOR', 'DBS', 'CDB', 'LTN', 'NTN', 'CRI', 'CRA'];

function luhnDigit(payload: string): number {
  const digits = [...payload].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  // The check digit will sit at the right, so doubling starts at the payload's last digit.
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isin(rng: Rng): string {
  const issuer = Array.from({ length: 4 }, () => LETTERS.charAt(rng.int(0, 25))).join('');
  const payload = `BR${issuer}${rng.pick(KINDS)}`.padEnd(11, String(rng.int(0, 9))).slice(0, 11);
  return `${payload}${luhnDigit(payload)}`;
}

export function cusip(rng: Rng): string {
  const base = `${rng.digits(3)}${LETTERS.charAt(rng.int(0, 25))}${LETTERS.charAt(rng.int(0, 25))}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = base.charAt(i);
    let v = /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/** B3's share-class suffixes: 3 ordinary, 4 preferred, 11 units and funds, 34 BDRs. */
const TICKER_SUFFIXES = ['3', '4', '5', '6', '11', '34'];

export function ticker(rng: Rng): string {
  return `${Array.from({ length: 4 }, () => LETTERS.charAt(rng.int(0, 25))).join('')}${rng.pick(TICKER_SUFFIXES)}`;
}

/** A registration code as B3 and CETIP print it: the instrument, a number, the issuer's letters (`CDB421GPXXX`). */
export function clearingCode(rng: Rng): string {
  const issuer = Array.from({ length: 5 }, () => LETTERS.charAt(rng.int(0, 25))).join('');
  return `${rng.pick(['CDB', 'LCI', 'LCA', 'CRI', 'CRA', 'DEB'])}${rng.digits(3)}${issuer}`;
}
