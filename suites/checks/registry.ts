/**
 * The one registry of checks, in the order results are reported. Ids are
 * stable kebab-case (`--only`, `--skip`, the reports and CI filters rely on
 * them); a duplicate or malformed id fails at load time, not in a user's run.
 */
import { UsageError } from '../../specs/errors.ts';
import type { CheckInfo } from '../result-model.ts';
import { filtersHonoured } from './consistency/filters-honoured.ts';
import { listDetailConsistency } from './consistency/list-detail.ts';
import { transactionsCurrentOldWindow, transactionsInWindow } from './dates/booking-window.ts';
import { authRequired } from './errors/auth-required.ts';
import { authWrongCredentials } from './errors/auth-wrong-credentials.ts';
import { invalidRequestRejected } from './errors/invalid-request.ts';
import { methodNotAllowed } from './errors/method-not-allowed.ts';
import { notAcceptable } from './errors/not-acceptable.ts';
import { permissionRequired } from './errors/permission-required.ts';
import { queryParameterValues } from './errors/query-parameter-values.ts';
import { unknownId } from './errors/unknown-id.ts';
import { validRequest } from './errors/valid-request.ts';
import { interactionIdEcho } from './fapi/interaction-id-echo.ts';
import { interactionIdRequired } from './fapi/interaction-id-required.ts';
import { jwsSignature } from './fapi/jws-signature.ts';
import { requestDateTime } from './fapi/request-date-time.ts';
import { signedClaimsRefused } from './fapi/signed-claims-refused.ts';
import { contentType } from './generic/content-type.ts';
import { dateHeader } from './generic/date-header.ts';
import { errorBody } from './generic/error-body.ts';
import { responseHeaders } from './generic/response-headers.ts';
import { responseSchema } from './generic/response-schema.ts';
import { statusDocumented } from './generic/status-documented.ts';
import { pageSizeHonoured, pageSizeMaxAccepted, pageSizeOverMax } from './paging/page-size.ts';
import { pagingLinks } from './paging/paging-links.ts';
import { pagingMeta } from './paging/paging-meta.ts';
import { pagingWalk } from './paging/paging-walk.ts';
import type { Check } from './types.ts';
import { CONSENT_CHECKS } from './consents/consent-checks.ts';

/** The id of the result that stands in for a check that threw; it is not a check anyone selects. */
export const CHECK_ERROR_ID = 'check-error';

export const CHECK_ERROR_INFO: CheckInfo = {
  id: CHECK_ERROR_ID,
  description: 'A check crashed on this operation (a bug in aferir, not in the target); the run went on. Please report it.',
  severity: 'error',
};

/** Checks that drive a journey rather than one operation (the consents suite, with `--auth`); same id rules, one namespace. */
const FLOW_CHECKS: readonly CheckInfo[] = CONSENT_CHECKS;

export const CHECKS: readonly Check[] = buildRegistry([
  validRequest,
  statusDocumented,
  contentType,
  responseSchema,
  errorBody,
  responseHeaders,
  dateHeader,
  interactionIdEcho,
  interactionIdRequired,
  requestDateTime,
  jwsSignature,
  signedClaimsRefused,
  authRequired,
  authWrongCredentials,
  permissionRequired,
  unknownId,
  methodNotAllowed,
  notAcceptable,
  invalidRequestRejected,
  queryParameterValues,
  pagingLinks,
  pagingMeta,
  pagingWalk,
  pageSizeHonoured,
  pageSizeMaxAccepted,
  pageSizeOverMax,
  transactionsInWindow,
  transactionsCurrentOldWindow,
  listDetailConsistency,
  filtersHonoured,
]);

export function buildRegistry(checks: readonly Check[], flowChecks: readonly CheckInfo[] = FLOW_CHECKS): readonly Check[] {
  const seen = new Set<string>([CHECK_ERROR_ID]);
  for (const check of checks) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(check.id)) throw new Error(`Check id '${check.id}' is not kebab-case.`);
    if (seen.has(check.id)) throw new Error(`Check id '${check.id}' is registered twice.`);
    if (!check.description || /\n/.test(check.description)) throw new Error(`Check '${check.id}' needs a one-line description.`);
    seen.add(check.id);
  }
  for (const flow of flowChecks) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(flow.id)) throw new Error(`Check id '${flow.id}' is not kebab-case.`);
    if (seen.has(flow.id)) throw new Error(`Check id '${flow.id}' is registered twice.`);
    seen.add(flow.id);
  }
  return Object.freeze([...checks]);
}

export function checkInfo(check: Check): CheckInfo {
  return { id: check.id, description: check.description, severity: check.severity };
}

/**
 * The checks a run uses: all, or those named by --only, minus those named by
 * --skip. An unknown id is a usage error that lists the known ones.
 */
export function selectChecks(only: readonly string[] = [], skipIds: readonly string[] = [], registry: readonly Check[] = CHECKS): Check[] {
  const known = new Set([...registry.map((c) => c.id), ...FLOW_CHECKS.map((c) => c.id)]);
  for (const [flag, ids] of [
    ['--only', only],
    ['--skip', skipIds],
  ] as const) {
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(
        `Unknown check id ${unknown.map((id) => `'${id}'`).join(', ')} in ${flag}; the checks are: ${[...known].join(', ')}.`,
      );
    }
  }
  return registry.filter((check) => isSelected(check.id, only, skipIds));
}

/** Whether --only/--skip let check `id` run. */
export function isSelected(id: string, only: readonly string[] = [], skipIds: readonly string[] = []): boolean {
  return (only.length === 0 || only.includes(id)) && !skipIds.includes(id);
}
