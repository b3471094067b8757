/**
 * Plain values for strings and numbers nobody recognised: short Portuguese
 * text, format-shaped strings (uuid, uri, email, …), dates around `now`.
 * Candidates only — the plan checks each against the schema before use.
 */
import { faker } from '@faker-js/faker/locale/pt_BR';
import type { Rng } from '../random.ts';
import { DAY_MS, isoDate, isoSeconds } from './dates.ts';

const NOUNS: readonly string[] = faker.definitions.word.noun;
const ADJECTIVES: readonly string[] = faker.definitions.word.adjective;

/** A few Portuguese words, capitalised, fitting in `maxLength` characters. */
export function words(rng: Rng, maxLength = 40, count = rng.int(1, 3)): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const word = i % 2 === 0 ? rng.pick(NOUNS) : rng.pick(ADJECTIVES);
    const next = text ? `${text} ${word}` : word.charAt(0).toUpperCase() + word.slice(1);
    if (next.length > maxLength) break;
    text = next;
  }
  return text || 'Info'.slice(0, Math.max(1, maxLength));
}

export function sentence(rng: Rng, maxLength = 120): string {
  return words(rng, maxLength, rng.int(3, 7));
}

/** A string that satisfies `format`, or undefined for formats without a generator. */
export function formatSample(format: string, rng: Rng, now: number): string | undefined {
  switch (format) {
    case 'uuid':
      return rng.uuid();
    case 'date':
      return isoDate(now - rng.int(0, 365) * DAY_MS);
    case 'date-time':
    case 'iso-date-time':
      return isoSeconds(now - rng.int(0, 365 * 86_400) * 1000);
    case 'time':
    case 'iso-time':
      return `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;
    case 'uri':
    case 'url':
    case 'uri-reference':
    case 'uri-template':
      return `https://api.banco.example/${
        rng
          .pick(NOUNS)
          .normalize('NFD')
          .replace(/[^a-z]/gi, '')
          .toLowerCase() || 'recurso'
      }/${rng.int(1, 999)}`;
    case 'email':
      return `cliente${rng.int(1, 9999)}@email.com.br`;
    case 'hostname':
      return `api${rng.int(1, 9)}.banco.example`;
    case 'ipv4':
      return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 'ipv6':
      return `2001:db8::${rng.hex(4)}`;
    case 'byte':
      return Buffer.from(rng.hex(12)).toString('base64');
    case 'duration':
      return `P${rng.int(1, 30)}D`;
    case 'json-pointer':
      return `/data/${rng.int(0, 9)}`;
    case 'relative-json-pointer':
      return `${rng.int(0, 3)}`;
    case 'regex':
      return '^[0-9]+$';
    default:
      return undefined;
  }
}
