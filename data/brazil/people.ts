/**
 * Names, companies, e-mails, phones and places from faker's pt_BR locale and
 * the IBGE municipality list of @brazilian-utils. We read the locale's word
 * lists (faker.definitions) and pick with our own PRNG: re-seeding faker for
 * every value costs ~50 µs a call, a pick from the list costs nanoseconds, and
 * determinism no longer depends on faker's internal draw order.
 */
import { faker } from '@faker-js/faker/locale/pt_BR';
import { getAreaCodesByState, getMunicipalities } from '@brazilian-utils/brazilian-utils';
import type { Rng } from '../random.ts';

const definitions = faker.definitions;

/** A word list of faker's pt_BR locale; one that is missing (a faker upgrade) fails at load, by name. */
function wordList(list: unknown, name: string): readonly string[] {
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new Error(`faker's pt_BR locale has no ${name} list`);
  return list;
}

const FEMALE = wordList(definitions.person.first_name.female, 'person.first_name.female');
const MALE = wordList(definitions.person.first_name.male, 'person.first_name.male');
const LAST = wordList(definitions.person.last_name.generic, 'person.last_name.generic');
const LEGAL_TYPES = wordList(definitions.company.legal_entity_type, 'company.legal_entity_type');
const STREET_PREFIXES: readonly string[] = definitions.location.street_prefix;
const EMAIL_DOMAINS: readonly string[] = definitions.internet.free_email;
const CONNECTORS = ['de', 'da'];

/** Trade words that make a company name sound like a real Brazilian business. */
const TRADES = [
  'Comércio',
  'Serviços',
  'Transportes',
  'Alimentos',
  'Construções',
  'Tecnologia',
  'Engenharia',
  'Distribuidora',
  'Agropecuária',
  'Consultoria',
  'Indústria',
  'Logística',
  'Materiais de Construção',
  'Farmácia',
  'Supermercados',
];

export interface Person {
  name: string;
  firstName: string;
  gender: 'F' | 'M';
}

export function personName(rng: Rng): Person {
  const gender = rng.chance(0.5) ? 'F' : 'M';
  const firstName = rng.pick(gender === 'F' ? FEMALE : MALE);
  const last1 = rng.pick(LAST);
  let last2 = rng.pick(LAST);
  if (last2 === last1) last2 = LAST[(LAST.indexOf(last1) + 1) % LAST.length]!;
  const others = LAST.filter((l) => l !== last1 && l !== last2);
  const middle = rng.chance(0.25) ? ` ${rng.pick(CONNECTORS)} ${rng.pick(others)}` : '';
  return { name: `${firstName}${middle} ${last1} ${last2}`, firstName, gender };
}

export function companyName(rng: Rng): string {
  const a = rng.pick(LAST);
  const b = rng.pick(LAST);
  switch (rng.int(0, 3)) {
    case 0:
      return `${a} ${rng.pick(TRADES)} ${rng.pick(LEGAL_TYPES.filter((t) => t !== 'e Associados'))}`;
    case 1:
      return `${a}, ${b} e ${rng.pick(LAST)} ${rng.pick(['LTDA', 'S.A.'])}`;
    case 2:
      return `${a} & ${b} ${rng.pick(TRADES)} LTDA`;
    default:
      return `${rng.pick(TRADES)} ${a} ${rng.pick(LEGAL_TYPES)}`;
  }
}

/** The name a company trades under: its first distinctive word, as people say it. */
export function tradeName(company: string): string {
  return company
    .replace(/\b(LTDA|S\.A\.|EIRELI|e Associados|Comércio)\b/g, '')
    .replace(/[,&].*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export function email(rng: Rng, name: string): string {
  const parts = asciiSlug(name).split('.');
  const local = rng.chance(0.5) ? `${parts[0]}.${parts[parts.length - 1]}` : `${parts[0]}${rng.int(1, 99)}`;
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

interface Place {
  city: string;
  state: string;
  ibgeCode: string;
}

let municipalities: Place[] | undefined;
function places(): Place[] {
  municipalities ??= (getMunicipalities() as Array<{ code: string; name: string; stateCode: string }>).map((m) => ({
    city: m.name,
    state: m.stateCode,
    ibgeCode: m.code,
  }));
  return municipalities;
}

/** Capitals and big cities first: most customers live there. */
const BIG_CITY_CODES = [
  '3550308',
  '3304557',
  '3106200',
  '5300108',
  '2927408',
  '4106902',
  '4314902',
  '2611606',
  '2304400',
  '1302603',
  '5208707',
  '3509502',
];

export function municipality(rng: Rng): Place {
  const all = places();
  if (rng.chance(0.6)) {
    const code = rng.pick(BIG_CITY_CODES);
    return all.find((p) => p.ibgeCode === code) ?? rng.pick(all);
  }
  return rng.pick(all);
}

/** Correios CEP ranges by state (first five digits), so a CEP belongs to its city's state. */
const SAO_PAULO_CEPS: [number, number] = [1000, 19999];
const CEP_RANGES: Record<string, [number, number]> = {
  SP: SAO_PAULO_CEPS,
  RJ: [20000, 28999],
  ES: [29000, 29999],
  MG: [30000, 39999],
  BA: [40000, 48999],
  SE: [49000, 49999],
  PE: [50000, 56999],
  AL: [57000, 57999],
  PB: [58000, 58999],
  RN: [59000, 59999],
  CE: [60000, 63999],
  PI: [64000, 64999],
  MA: [65000, 65999],
  PA: [66000, 68899],
  AP: [68900, 68999],
  AM: [69000, 69299],
  RR: [69300, 69399],
  AC: [69900, 69999],
  DF: [70000, 72799], // 72800–72999 belongs to GO (Entorno)
  GO: [73700, 76799],
  TO: [77000, 77999],
  MT: [78000, 78899],
  RO: [76800, 76999],
  MS: [79000, 79999],
  PR: [80000, 87999],
  SC: [88000, 89999],
  RS: [90000, 99999],
};

export function cep(rng: Rng, state = 'SP'): string {
  const [low, high] = CEP_RANGES[state] ?? SAO_PAULO_CEPS;
  return `${String(rng.int(low, high)).padStart(5, '0')}${rng.digits(3)}`;
}

export function streetAddress(rng: Rng): string {
  const street = `${rng.pick(STREET_PREFIXES)} ${rng.chance(0.5) ? rng.pick(FEMALE) : rng.pick(LAST)} ${rng.pick(LAST)}`;
  return `${street}, ${rng.int(1, 3999)}`;
}

const areaCodes = new Map<string, number[]>();

/** A mobile number with a real DDD of the state: `DDD9XXXXXXXX` (11 digits, no country code). */
export function mobilePhone(rng: Rng, state = 'SP'): { areaCode: string; number: string } {
  let codes = areaCodes.get(state);
  if (!codes) {
    codes = (getAreaCodesByState(state as never) as number[] | undefined) ?? [11];
    areaCodes.set(state, codes);
  }
  return { areaCode: String(rng.pick(codes)), number: `9${rng.int(6, 9)}${rng.digits(7)}` };
}
