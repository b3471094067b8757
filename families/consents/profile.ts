/**
 * Consents APIs of Open Finance Brasil and Open Insurance Brasil: recognised by
 * their structure (shape.ts), served by one stateful handler (mock.ts) whatever
 * the standard. They follow the FAPI rules of their standards (error envelope,
 * links and meta, requestDateTime); the token they take is the client's own
 * (client_credentials, scope `consents`), so their operations need no consent permission.
 */
import type { FamilyProfile } from '../family-profile.ts';
import { FAPI_RULES } from '../fapi/profile.ts';
import { consentCollection } from './shape.ts';

export const consentsProfile: FamilyProfile = {
  title: 'Consents (Open Finance Brasil, Open Insurance Brasil)',
  detect: (spec) => consentCollection(spec) !== undefined,
  ...FAPI_RULES,
  permissionsOf: () => [],
  judgedByFlow: true,
  domain: { models: [] },
};
