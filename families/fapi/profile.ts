/**
 * Open Finance Brasil and Open Insurance Brasil: GET APIs behind FAPI headers,
 * under the `/open-banking/` or `/open-insurance/` base path their standards
 * fix. Both share the rules of the standard (the `errors` envelope, `links`
 * and `meta` paging with `page`/`page-size` 1..1000, `requestDateTime`); they
 * differ in what their contracts are.
 */
import { specPermissions, type FamilyProfile } from '../family-profile.ts';

export const FAPI_RULES = {
  successBody: 'data-links-meta',
  errorEnvelope: 'errors-array',
  errorEnvelopeRequired: true,
  metaRequestDateTime: true,
  paging: { names: { page: 'page', pageSize: 'page-size' }, defaultSize: 25, maxSize: 1000, overMax: 'reject' },
  permissionsOf: specPermissions,
} as const satisfies Partial<FamilyProfile>;

export const ofbProfile: FamilyProfile = {
  title: 'Open Finance Brasil',
  detect: (spec) => spec.basePath.includes('/open-banking/'),
  ...FAPI_RULES,
  domain: { contracts: 'credit', models: ['accounts', 'credit-contracts'] },
};

export const opinProfile: FamilyProfile = {
  title: 'Open Insurance Brasil',
  detect: (spec) => spec.basePath.includes('/open-insurance/'),
  ...FAPI_RULES,
  domain: { contracts: 'insurance', models: ['insurance-assistance'] },
};
