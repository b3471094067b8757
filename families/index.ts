/**
 * The family registry: every family's profile under its id, in the order
 * detection asks them (generic last, as it claims anything). Adding a family is
 * a folder (families/<id>/profile.ts and mock.ts) and a line here; the
 * compiler then asks for its line in mock-handlers.ts.
 */
import { isJsonRecord } from '../specs/json-schema.ts';
import { SpecError } from '../specs/errors.ts';
import type { LoadedSpec } from '../specs/types.ts';
import { belvoProfile } from './belvo/profile.ts';
import { consentsProfile } from './consents/profile.ts';
import { ofbProfile, opinProfile } from './fapi/profile.ts';
import type { FamilyProfile } from './family-profile.ts';
import { genericProfile } from './generic/profile.ts';
import { opusProfile } from './opus/profile.ts';
import { originatorProfile } from './originator/profile.ts';

export type { FamilyProfile } from './family-profile.ts';

export const PROFILES = {
  // Before ofb/opin: a consents API sits under their base paths but has its own behaviour.
  consents: consentsProfile,
  ofb: ofbProfile,
  opin: opinProfile,
  opus: opusProfile,
  belvo: belvoProfile,
  originator: originatorProfile,
  generic: genericProfile,
} as const satisfies Record<string, FamilyProfile>;

export type FamilyId = keyof typeof PROFILES;

/** The rules for a request no mounted spec claims (a 404 outside every API): the generic family's. */
export const DEFAULT_PROFILE: FamilyProfile = PROFILES.generic;

/** The `info` extension that names a spec's family outright, before any detection. */
const FAMILY_EXTENSION = 'x-aferir-family';

const families = new WeakMap<LoadedSpec, FamilyId>();

/** Which family's rules a spec follows: its `x-aferir-family`, else the first family whose detection claims it. */
export function familyOf(spec: LoadedSpec): FamilyId {
  let family = families.get(spec);
  if (family === undefined) {
    family = declaredFamily(spec) ?? detectedFamily(spec);
    families.set(spec, family);
  }
  return family;
}

export function profileOf(spec: LoadedSpec): FamilyProfile {
  return PROFILES[familyOf(spec)];
}

function declaredFamily(spec: LoadedSpec): FamilyId | undefined {
  const info = spec.document.info;
  const declared: unknown = isJsonRecord(info) ? info[FAMILY_EXTENSION] : undefined;
  if (declared === undefined) return undefined;
  if (typeof declared === 'string' && Object.hasOwn(PROFILES, declared)) return declared as FamilyId;
  throw new SpecError(
    'unknown-family',
    `${spec.id}: info.${FAMILY_EXTENSION} is ${JSON.stringify(declared)}, which is not a family aferir knows (${Object.keys(PROFILES).join(', ')}).`,
  );
}

function detectedFamily(spec: LoadedSpec): FamilyId {
  const ids = Object.keys(PROFILES) as FamilyId[];
  return ids.find((id) => PROFILES[id].detect(spec)) ?? 'generic';
}
