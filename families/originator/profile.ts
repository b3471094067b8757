/**
 * The credit originator: a GET of an application by id, bearer auth, the
 * application as the whole body, errors as `{code, message}` with the codes
 * its document names. Nothing in its structure tells it from any other API,
 * so a spec opts in with `x-aferir-family: originator` in `info` (ours does).
 */
import { specPermissions, type FamilyProfile } from '../family-profile.ts';

/** The originator's document names its own codes for the statuses it lists. */
const ORIGINATOR_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  500: 'INTERNAL_ERROR',
};

export const originatorProfile: FamilyProfile = {
  title: 'Credit originator',
  detect: () => false,
  successBody: 'bare',
  errorEnvelope: 'code-message',
  errorEnvelopeRequired: false,
  errorCodes: ORIGINATOR_CODES,
  metaRequestDateTime: false,
  paging: { names: { page: 'page', pageSize: 'page-size' }, defaultSize: 25, maxSize: 1000, overMax: 'reject' },
  permissionsOf: specPermissions,
  domain: { models: ['applications'] },
};
