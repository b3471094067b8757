/**
 * Any other OpenAPI file (one a user brings): the spec's own schemas decide
 * the bodies; where they are silent, the `errors` envelope and `data`/`links`/
 * `meta` of Open Finance, `page`/`page-size` paging, and nothing the standard
 * would demand beyond the spec. Claims every spec no other family claims.
 */
import { specPermissions, type FamilyProfile } from '../family-profile.ts';

export const genericProfile: FamilyProfile = {
  title: 'Any OpenAPI API',
  detect: () => true,
  successBody: 'data-links-meta',
  errorEnvelope: 'errors-array',
  errorEnvelopeRequired: false,
  metaRequestDateTime: false,
  paging: { names: { page: 'page', pageSize: 'page-size' }, defaultSize: 25, maxSize: 1000, overMax: 'reject' },
  permissionsOf: specPermissions,
  // Nothing else in these rules speaks for a spec's own parameters: each is tried with good and bad values.
  exercisesQueryParameters: true,
  domain: { models: [] },
};
