/**
 * Field rules that need the API's domain or the record's siblings to be
 * realistic, tried before the name rules of strings.ts: places that agree
 * (IBGE ↔ city ↔ UF ↔ CEP), ISO currencies and countries, ISIN/CUSIP with
 * their check digits, market codes, whole counts, product names of the API's own domain.
 */
import { personName } from '../brazil/people.ts';
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import { compileLeafCheck } from '../schema/checks.ts';
import type { FieldHint, Producer } from '../schema/plan.ts';
import { countryCode, currencyCode } from './codes.ts';
import { insuranceProduct, investmentProduct, type ApiDomain } from './domain.ts';
import { decimalsFor } from './money.ts';
import { cepOf, isCityName, isIbgeName, isStateName, placeOf } from './places.ts';
import { clearingCode, cusip, isin, ticker } from './securities.ts';

const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface ApiContext {
  domain: ApiDomain;
  title: string;
}

export function realismSemantics(schema: JsonSchemaObject, hint: FieldHint, api: ApiContext): Producer | undefined {
  const n = norm(hint.name);
  // A state enumerated as the 27 UFs still follows the record's municipality.
  if (isStateName(n)) return (state, siblings) => placeOf(siblings, state.rng).state;
  if (schema.enum !== undefined) return undefined;
  if (isIbgeName(n)) return (state, siblings) => placeOf(siblings, state.rng).ibgeCode;
  if (isCityName(n)) return (state, siblings) => placeOf(siblings, state.rng).city;
  // People's names, whole or in parts (before the amount rule of strings.ts mistakes `debtorName` for a debt).
  if (/^(first|given)name$/.test(n)) return (state) => personName(state.rng).name.split(' ')[0]!;
  if (/^(last|family|sur)name$|^surname$/.test(n)) return (state) => personName(state.rng).name.split(' ').slice(1).join(' ');
  if (/^(debtor|creditor|payer|payee|owner|subscriber|insured|policyholder|proponent|recipient|teller)name$/.test(n))
    return (state) => personName(state.rng).name;
  if (/^cep$|postcode|postalcode|zipcode/.test(n)) {
    const check = compileLeafCheck(schema);
    const hyphen = !check('01310100') && check('01310-100');
    return (state, siblings) => {
      const cep = cepOf(siblings, state.rng);
      return hyphen ? `${cep.slice(0, 5)}-${cep.slice(5)}` : cep;
    };
  }
  if (/currency$|currencycode$/.test(n)) return (state) => currencyCode(n, state.rng);
  if (/country(code)?$/.test(n)) {
    const check = compileLeafCheck(schema);
    const length = check('BRA') ? 3 : 2;
    return (state) => countryCode(length, state.rng);
  }
  if (/isin/.test(n)) return (state) => isin(state.rng);
  if (/cusip/.test(n)) return (state) => cusip(state.rng);
  if (/^ticker$|tickersymbol|tradingcode/.test(n)) return (state) => ticker(state.rng);
  if (/(clearing|registration)code$/.test(n)) return (state) => clearingCode(state.rng);
  if (/count$|quantity$|qty|numberof/.test(n) && !/account$|amount|value|date|type/.test(n)) {
    // A whole number, written with the decimals the field's pattern demands ("12.00" where it wants two).
    const decimals = decimalsFor(compileLeafCheck(schema), 12);
    if (decimals === undefined) return undefined;
    return (state) => state.rng.int(1, 48).toFixed(decimals);
  }
  if (api.domain === 'insurance' && /^(product|plan|coverage)name$/.test(n)) return (state) => insuranceProduct(api.title, state.rng);
  if (api.domain === 'investments' && /^productname$/.test(n)) return (state) => investmentProduct(api.title, state.rng);
  return undefined;
}
