/**
 * The people and institutions of a world: the institution that transmits the
 * data (a real bank from the bank list), the customer whose consent the data
 * belongs to, and the counterparties who appear in that customer's statement
 * (a fixed pool, so the same payees recur as they do in real statements).
 */
import { bankAccountNumber, majorBanks, retailBanks, type Bank } from '../brazil/banks.ts';
import { generateCnpj, generateCpf } from '../brazil/documents.ts';
import { cep, companyName, email, mobilePhone, municipality, personName, streetAddress, tradeName } from '../brazil/people.ts';
import { rngFor } from '../random.ts';
import { DAY_MS, isoDate } from '../schema/dates.ts';

export interface Institution {
  bank: Bank;
  brandName: string;
  companyName: string;
  cnpj: string;
}

export interface Customer {
  cpf: string;
  name: string;
  firstName: string;
  birthDate: string;
  email: string;
  phone: { areaCode: string; number: string };
  address: { street: string; city: string; state: string; ibgeCode: string; cep: string };
  /** The customer's own small business (for business consents and `businessEntityDocument`). */
  business: { cnpj: string; name: string; tradeName: string };
  monthlyIncomeCents: number;
}

export interface Counterparty {
  document: string;
  personType: 'PESSOA_NATURAL' | 'PESSOA_JURIDICA';
  name: string;
  bank: Bank;
  branch: string;
  number: string;
  checkDigit: string;
}

export function pickInstitution(world: number): Institution {
  const rng = rngFor(world, 'institution');
  const bank = rng.pick(majorBanks());
  return { bank, brandName: bank.brand, companyName: bank.name, cnpj: bank.cnpj };
}

export function makeCustomer(world: number, now: number): Customer {
  const rng = rngFor(world, 'customer');
  const person = personName(rng);
  const place = municipality(rng);
  const company = companyName(rng);
  return {
    cpf: generateCpf(rng),
    name: person.name,
    firstName: person.firstName,
    birthDate: isoDate(now - rng.int(20 * 365, 70 * 365) * DAY_MS),
    email: email(rng, person.name),
    phone: mobilePhone(rng, place.state),
    address: { street: streetAddress(rng), city: place.city, state: place.state, ibgeCode: place.ibgeCode, cep: cep(rng, place.state) },
    business: { cnpj: generateCnpj(rng), name: company, tradeName: tradeName(company) },
    monthlyIncomeCents: rng.int(2_500, 25_000) * 100,
  };
}

export const COUNTERPARTY_POOL = 48;

/** Counterparty k of the world (k < COUNTERPARTY_POOL): a person or a company with an account at a real bank. */
export function makeCounterparty(world: number, k: number): Counterparty {
  const rng = rngFor(world, 'counterparty', k);
  const isCompany = rng.chance(0.35);
  const bank = rng.chance(0.8) ? rng.pick(majorBanks()) : rng.pick(retailBanks());
  const account = bankAccountNumber(rng, bank.compe);
  return {
    document: isCompany ? generateCnpj(rng) : generateCpf(rng),
    personType: isCompany ? 'PESSOA_JURIDICA' : 'PESSOA_NATURAL',
    name: isCompany ? companyName(rng) : personName(rng).name,
    bank,
    branch: account.branch,
    number: account.account.padStart(8, '0'),
    checkDigit: account.checkDigit,
  };
}
