/**
 * Places that agree with each other inside one record: the IBGE code, the
 * city, the state (UF) and the CEP all come from one municipality, read from
 * whichever sibling was generated first (the IBGE code and city are planned
 * before the state, see plan-object's priority).
 */
import { getMunicipalities } from '@brazilian-utils/brazilian-utils';
import { cep, municipality } from '../brazil/people.ts';
import type { Rng } from '../random.ts';
import type { Siblings } from '../schema/plan.ts';

interface Place {
  city: string;
  state: string;
  ibgeCode: string;
}

let byCode: Map<string, Place> | undefined;
function places(): Map<string, Place> {
  byCode ??= new Map(
    (getMunicipalities() as Array<{ code: string; name: string; stateCode: string }>).map((m) => [
      m.code,
      { city: m.name, state: m.stateCode, ibgeCode: m.code },
    ]),
  );
  return byCode;
}

const IBGE_KEY = /ibge|municipalitycode|towncode|citycode|codmun/;
const CITY_KEY = /^(city|town|cidade|municipality)(name)?$/;
const STATE_KEY = /^(state|uf|countrysubdivision|statecode|federativeunit)$/;
const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const plain = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The municipality the siblings already name (by IBGE code, then city and state), or a new one. */
export function placeOf(siblings: Siblings, rng: Rng): Place {
  const entries = Object.entries(siblings ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  const code = entries.find(([k]) => IBGE_KEY.test(norm(k)))?.[1];
  const known = code === undefined ? undefined : places().get(code);
  if (known) return known;
  const city = entries.find(([k]) => CITY_KEY.test(norm(k)))?.[1];
  const state = entries.find(([k]) => STATE_KEY.test(norm(k)))?.[1];
  const all = [...places().values()];
  const named =
    city === undefined ? undefined : all.find((p) => plain(p.city) === plain(city) && (state === undefined || p.state === state));
  if (named) return named;
  if (state !== undefined) {
    const inState = all.filter((p) => p.state === state);
    if (inState.length > 0) return rng.pick(inState);
  }
  return municipality(rng);
}

/** A CEP (8 digits) in the Correios range of the record's state. */
export function cepOf(siblings: Siblings, rng: Rng): string {
  return cep(rng, placeOf(siblings, rng).state);
}

export const isIbgeName = (n: string): boolean => IBGE_KEY.test(n);
export const isCityName = (n: string): boolean => CITY_KEY.test(n);
export const isStateName = (n: string): boolean => STATE_KEY.test(n);
