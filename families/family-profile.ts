/**
 * What differs between the protocol families aferir knows (Open Finance and
 * Open Insurance, Opus, the credit originator, Belvo, any other OpenAPI file),
 * as one declarative object per family. The data engine, the mock and the
 * suites read these properties; none of them asks which family a spec is.
 * Each family lives in its own folder (families/<id>/profile.ts, and the
 * mock's handler in families/<id>/mock.ts); families/index.ts registers them.
 */
import type { LoadedSpec, Operation } from '../specs/types.ts';

/**
 * The error body's shape when the spec gives no schema for a status:
 * - `errors-array`: `{errors: [{code, title, detail}], meta?}` (Open Finance, Open Insurance, Opus);
 * - `code-message-list`: `[{code, message, request_id}]` (Belvo);
 * - `code-message`: `{code, message}` (the originator).
 * Where the spec does give a schema, its shape wins.
 */
export type ErrorEnvelope = 'errors-array' | 'code-message-list' | 'code-message';

/**
 * The success body around the data:
 * - `data-links-meta`: the resource or list in `data`, with `links` and `meta` as the schema declares them;
 * - `count-next-results`: Django REST framework paging, `{count, next, previous, results}`;
 * - `bare`: the whole body is the resource.
 */
type SuccessBody = 'data-links-meta' | 'count-next-results' | 'bare';

export interface PagingRules {
  /** Names of the page number and page size (query parameters in links; body members for Opus). */
  names: { page: string; pageSize: string };
  /** The page size when neither the request nor the spec's `default` gives one. */
  defaultSize: number;
  /** The largest page size. */
  maxSize: number;
  /** What a size above `maxSize` gets: `reject` (422), or `clamp` (treated as `maxSize`, as Django REST framework does). */
  overMax: 'reject' | 'clamp';
}

export interface FamilyProfile {
  /** Who publishes specs of this family, for people. */
  title: string;
  /**
   * Whether a spec follows this family's rules, from its structure (base path, body
   * shapes) — never its file name or title. Asked in registry order; an
   * `x-aferir-family: <id>` in the spec's `info` decides before any of them.
   */
  detect(spec: Pick<LoadedSpec, 'basePath' | 'operations'>): boolean;
  successBody: SuccessBody;
  errorEnvelope: ErrorEnvelope;
  /** Whether the standard demands `errorEnvelope` even where the spec documents no error schema (the error-body check). */
  errorEnvelopeRequired: boolean;
  /** The family's own error code per status, where its documents name them (default: the generic code of the status). */
  errorCodes?: Readonly<Record<number, string>>;
  /** Whether `meta.requestDateTime` must be `yyyy-MM-ddTHH:mm:ssZ` (the request-date-time check). */
  metaRequestDateTime: boolean;
  paging: PagingRules;
  /** The consent permissions an operation needs. */
  permissionsOf(operation: Operation): readonly string[];
  /**
   * Whether the API is judged by a flow rather than operation by operation: its requests need
   * state only a client's journey creates (a consent made, approved and revoked through the
   * authorization server). `aferir run --auth` runs that flow's suite; the demo's per-operation
   * run leaves such APIs out. Default false.
   */
  judgedByFlow?: boolean;
  /**
   * How list filters name their lookups (the filters-honoured check): `django` — django-filter's
   * `field__in`, `__gt`/`__gte`/`__lt`/`__lte`, `__range`, `__icontains`, nested members joined by `__`,
   * and `fields`/`omit` to trim each result (Django REST framework, Belvo). Absent (default): a query
   * parameter filters by equality on the list item member of the same name.
   */
  filterLookups?: 'django';
  /**
   * Whether each documented query parameter is sent on its own with valid values and an invalid one (the
   * query-parameter-values check): for specs whose family has no rules of its own about their parameters; the
   * families that have them (paging, filters, booking windows) are judged by those checks. Default false.
   */
  exercisesQueryParameters?: boolean;
  /**
   * Where the consent's permissions travel when not in the credentials: a path of members in the
   * request body (Opus: `consent.permissions`). Absent (default): the credentials carry them.
   */
  permissionsInBody?: readonly string[];
  /** How the data engine maps the family's resources to its domain model. */
  domain: {
    /** Which contracts a `contractId` names: credit (Financings) or insurance (Open Insurance assistance); none = generic ids. */
    contracts?: 'credit' | 'insurance';
    /**
     * The domain models the family's resources may be, recognised by their resource path
     * (data/resolve/domain-routes.ts); an operation whose path is none of theirs gets the
     * generic resolver. Empty: every operation is generic.
     */
    models: readonly DomainModel[];
    /**
     * The resource path an operation serves, where its own path does not say it (Opus: POST
     * `/balances` serves `/accounts/{accountId}/balances`, as its operationId spells). Default:
     * the operation's path.
     */
    resourcePath?: (operation: Operation) => string | undefined;
  };
}

/**
 * The domain models of the data engine, each answering the resources of one kind of API:
 * deposit accounts, credit contracts, insurance financial-assistance contracts, credit
 * applications, aggregated accounts, account-holder checks.
 */
export type DomainModel =
  'accounts' | 'credit-contracts' | 'insurance-assistance' | 'applications' | 'aggregated-accounts' | 'account-holder';

/** The body member that holds the data: `data`, `results`, or undefined for the whole body. */
export function dataMember(profile: FamilyProfile): 'data' | 'results' | undefined {
  if (profile.successBody === 'data-links-meta') return 'data';
  if (profile.successBody === 'count-next-results') return 'results';
  return undefined;
}

/** The permissions the spec's own table gives (most families). */
export const specPermissions = (operation: Operation): readonly string[] => operation.permissions;
