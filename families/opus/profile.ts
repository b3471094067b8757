/**
 * The Opus integration layer: the Open Finance APIs re-cut as POST routes
 * whose JSON body carries the consent, `requestMeta`, the ids, filters and
 * paging (`page`/`pageSize`). The `errors` envelope and `meta` of Open Finance;
 * no links. Its documents have no permission table: permissions.ts spells
 * each route's permission the way Open Finance names them.
 */
import type { FamilyProfile } from '../family-profile.ts';
import { postBodyDeclares } from '../spec-shape.ts';
import { OPUS_PERMISSIONS_PATH, opusPermissions } from './permissions.ts';
import { resourcePathFromOperationId } from './resource-path.ts';

export const opusProfile: FamilyProfile = {
  title: 'Opus integration layer',
  detect: (spec) => postBodyDeclares(spec, 'requestMeta'),
  successBody: 'data-links-meta',
  errorEnvelope: 'errors-array',
  errorEnvelopeRequired: true,
  metaRequestDateTime: true,
  paging: { names: { page: 'page', pageSize: 'pageSize' }, defaultSize: 25, maxSize: 1000, overMax: 'reject' },
  permissionsOf: opusPermissions,
  // The platform calls on the customer's behalf: the consent, permissions included, is in every body.
  permissionsInBody: OPUS_PERMISSIONS_PATH,
  domain: {
    contracts: 'credit',
    models: ['accounts', 'credit-contracts', 'account-holder'],
    resourcePath: resourcePathFromOperationId,
  },
};
