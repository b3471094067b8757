/**
 * The business rules of a consent request that the schema cannot express, each
 * with the 422 code the regulation gives it. The handler answers with the
 * code when the operation's 422 enum lists it, and otherwise with the enum's
 * catch-all (the specs list it last: ERRO_NAO_MAPEADO, NAO_INFORMADO).
 */
import { BUSINESS_PREFIX, PERSONAL_PREFIX, permissionGroupsFor, uncoveredPermissions } from './permission-groups.ts';

export interface ConsentRequestData {
  permissions: string[];
  expirationDateTime?: string;
  businessEntity?: unknown;
}

export interface RuleBreach {
  code: string;
  title: string;
  detail: string;
}

/** What a planted defect may switch off (fixtures/consent-defects.ts). */
export interface RuleOptions {
  /** Accept permissions that do not form whole groups. Default false. */
  acceptIncompleteGroups?: boolean;
}

/** The longest a consent may last: 12 months, as the regulation allows. */
const MAX_LIFETIME_MS = 366 * 86_400_000;

export function consentRequestBreaches(
  data: ConsentRequestData,
  knownPermissions: readonly string[],
  nowMs: number,
  options: RuleOptions = {},
): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const permissions = data.permissions;
  const personal = permissions.some((p) => p.startsWith(PERSONAL_PREFIX));
  const business = permissions.some((p) => p.startsWith(BUSINESS_PREFIX));
  if (personal && business)
    breaches.push({
      code: 'PERMISSAO_PF_PJ_EM_CONJUNTO',
      title: 'Individual and company permissions together',
      detail: `registration permissions of an individual (${PERSONAL_PREFIX}*) and of a company (${BUSINESS_PREFIX}*) cannot be in one consent.`,
    });
  else if (business && data.businessEntity === undefined)
    breaches.push({
      code: 'INFORMACOES_PJ_NAO_INFORMADAS',
      title: 'Business entity missing',
      detail: `permissions ${BUSINESS_PREFIX}* need data.businessEntity with the company's CNPJ.`,
    });
  else if (personal && data.businessEntity !== undefined)
    breaches.push({
      code: 'PERMISSOES_PJ_INCORRETAS',
      title: 'Permissions do not fit a company consent',
      detail: `a consent with data.businessEntity cannot ask for an individual's registration data (${PERSONAL_PREFIX}*).`,
    });
  const groups = permissionGroupsFor(knownPermissions);
  const uncovered = options.acceptIncompleteGroups || groups.length === 0 ? [] : uncoveredPermissions(permissions, groups);
  if (uncovered.length > 0)
    breaches.push({
      code: 'COMBINACAO_PERMISSOES_INCORRETA',
      title: 'Incomplete permission groups',
      detail: `${uncovered.slice(0, 5).join(', ')} ${uncovered.length === 1 ? 'is' : 'are'} not part of a complete permission group; send every permission of each group (RESOURCES_READ included).`,
    });
  if (data.expirationDateTime !== undefined) {
    const expiry = Date.parse(data.expirationDateTime);
    if (!(expiry > nowMs))
      breaches.push({
        code: 'DATA_EXPIRACAO_INVALIDA',
        title: 'Expiration in the past',
        detail: `expirationDateTime ${data.expirationDateTime} is not in the future.`,
      });
    else if (expiry - nowMs > MAX_LIFETIME_MS)
      breaches.push({
        code: 'DATA_EXPIRACAO_INVALIDA',
        title: 'Expiration too far',
        detail: `expirationDateTime ${data.expirationDateTime} is more than 12 months away.`,
      });
  }
  return breaches;
}

/** The code to answer for a breach: its own when the operation's 422 enum lists it, else the enum's catch-all (its last value). */
export function documentedCode(code: string, enumerated: readonly string[]): string {
  if (enumerated.length === 0 || enumerated.includes(code)) return code;
  return enumerated[enumerated.length - 1] ?? code;
}
