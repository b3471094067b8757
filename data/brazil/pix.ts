/**
 * PIX keys of every type the DICT accepts: CPF, CNPJ, e-mail, mobile phone
 * (+55 DDD 9XXXXXXXX) and random keys (EVP, a UUID).
 */
import type { Rng } from '../random.ts';
import { generateCnpj, generateCpf } from './documents.ts';
import { email, mobilePhone, personName } from './people.ts';

export type PixKeyType = 'CPF' | 'CNPJ' | 'EMAIL' | 'PHONE' | 'EVP';
export const PIX_KEY_TYPES: readonly PixKeyType[] = ['CPF', 'CNPJ', 'EMAIL', 'PHONE', 'EVP'];

export function pixKey(rng: Rng, type: PixKeyType): string {
  switch (type) {
    case 'CPF':
      return generateCpf(rng);
    case 'CNPJ':
      return generateCnpj(rng);
    case 'EMAIL':
      return email(rng, personName(rng).name);
    case 'PHONE': {
      const phone = mobilePhone(rng, rng.pick(['SP', 'RJ', 'MG', 'RS', 'PR', 'BA', 'PE', 'DF']));
      return `+55${phone.areaCode}${phone.number}`;
    }
    default:
      return rng.uuid();
  }
}

/** Maps the names APIs use for key types (ALEATORY_KEY, PHONE_NUMBER, TAXPAYER_ID…) to ours. */
export function pixKeyTypeOf(name: unknown, rng: Rng): PixKeyType {
  const text = typeof name === 'string' ? name.toUpperCase() : '';
  if (/EMAIL/.test(text)) return 'EMAIL';
  if (/PHONE|TELEFONE|CELULAR/.test(text)) return 'PHONE';
  if (/CNPJ/.test(text)) return 'CNPJ';
  if (/CPF|TAXPAYER/.test(text)) return 'CPF';
  if (/EVP|ALEAT|RANDOM/.test(text)) return 'EVP';
  return rng.pick(PIX_KEY_TYPES);
}
