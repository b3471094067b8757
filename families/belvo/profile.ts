/**
 * Belvo-style aggregator APIs: Django REST framework paging
 * (`{count, next, previous, results}`, `page`/`page_size`, 100 per page by
 * default, sizes above 1000 treated as 1000), HTTP basic auth, and errors as a
 * list of `{code, message, request_id}` with Belvo's lower-snake-case codes.
 * Recognised by that paging envelope on a success body.
 */
import { specPermissions, type FamilyProfile } from '../family-profile.ts';
import { successBodyDeclares } from '../spec-shape.ts';

/** Belvo's codes (its reference pages), lower snake case like the API. */
const BELVO_CODES: Record<number, string> = {
  400: 'invalid',
  401: 'authentication_failed',
  403: 'access_to_resource_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'request_too_large',
  429: 'too_many_requests',
  500: 'unexpected_error',
  503: 'service_unavailable',
  504: 'gateway_timeout',
  529: 'service_unavailable',
};

export const belvoProfile: FamilyProfile = {
  title: 'Belvo (Django REST framework paging)',
  detect: (spec) => successBodyDeclares(spec, ['count', 'next', 'previous', 'results']),
  successBody: 'count-next-results',
  errorEnvelope: 'code-message-list',
  errorEnvelopeRequired: false,
  errorCodes: BELVO_CODES,
  metaRequestDateTime: false,
  paging: { names: { page: 'page', pageSize: 'page_size' }, defaultSize: 100, maxSize: 1000, overMax: 'clamp' },
  permissionsOf: specPermissions,
  filterLookups: 'django',
  domain: { models: ['aggregated-accounts'] },
};
