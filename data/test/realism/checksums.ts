/** Check digits the realism test verifies with its own arithmetic (not the generator's). */

/** ISIN (ISO 6166): letters become 10..35, then the Luhn check over all digits. */
export function isValidIsin(value: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(value)) return false;
  const digits = [...value].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return luhn(digits);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** CUSIP: eight characters weighted 1,2 alternately (letters 10.., * 36, @ 37, # 38), sum of digits, mod 10. */
export function isValidCusip(value: string): boolean {
  if (!/^[0-9A-Z*@#]{8}[0-9]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = value.charAt(i);
    let v = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : ({ '*': 36, '@': 37, '#': 38 }[c] ?? 0);
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10 === Number(value.charAt(8));
}

/** Alphanumeric CNPJ (IN RFB 2.229/2024): characters count as their ASCII code minus 48, weights 2..9 from the right. */
export function isValidAlphanumericCnpj(value: string): boolean {
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(value) || /^(.)\1+$/.test(value)) return false;
  const dv = (body: string): number => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(body.length - 1 - i) - 48) * ((i % 8) + 2);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const first = dv(value.slice(0, 12));
  return first === Number(value[12]) && dv(value.slice(0, 13)) === Number(value[13]);
}

/** IBGE state codes (first two digits of a municipality code) by UF. */
export const IBGE_STATE_CODES: Record<string, string> = {
  RO: '11',
  AC: '12',
  AM: '13',
  RR: '14',
  PA: '15',
  AP: '16',
  TO: '17',
  MA: '21',
  PI: '22',
  CE: '23',
  RN: '24',
  PB: '25',
  PE: '26',
  AL: '27',
  SE: '28',
  BA: '29',
  MG: '31',
  ES: '32',
  RJ: '33',
  SP: '35',
  PR: '41',
  SC: '42',
  RS: '43',
  MS: '50',
  MT: '51',
  GO: '52',
  DF: '53',
};
