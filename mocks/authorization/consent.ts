/**
 * A data-sharing consent as Open Finance Brasil's consents API 3.3.1 describes
 * it (`ResponseConsentRead`), plus what the transmitter keeps to itself: the
 * client that created it, the resources the customer chose and the grant its
 * tokens hang from. Statuses are the spec's three; revocation and expiry are
 * REJECTED with the spec's rejection reason.
 */

type ConsentStatus = 'AWAITING_AUTHORISATION' | 'AUTHORISED' | 'REJECTED';

export type RejectedBy = 'USER' | 'ASPSP' | 'TPP';

export type RejectionCode =
  | 'CONSENT_EXPIRED'
  | 'CUSTOMER_MANUALLY_REJECTED'
  | 'CUSTOMER_MANUALLY_REVOKED'
  | 'CONSENT_MAX_DATE_REACHED'
  | 'CONSENT_TECHNICAL_ISSUE'
  | 'INTERNAL_SECURITY_REASON';

interface Rejection {
  rejectedBy: RejectedBy;
  reason: { code: RejectionCode; additionalInformation?: string };
}

export interface Document {
  identification: string;
  rel: string;
}

/** One account, card or contract the customer can share (from the data engine's resources provider). */
export interface ConsentResource {
  /** The id the data APIs use (accountId, creditCardAccountId, contractId…). */
  id: string;
  /** `ACCOUNT`, `CREDIT_CARD_ACCOUNT`, `LOAN`, `FINANCING`, `UNARRANGED_ACCOUNT_OVERDRAFT`, `INVOICE_FINANCING`… (resources API's `type`). */
  type: string;
  /** What the consent page shows, e.g. `Conta corrente 12345-6 · agência 0001`. */
  label: string;
}

/** The consent record the store keeps. The API-facing part follows `ResponseConsentRead`. */
export interface Consent {
  consentId: string;
  status: ConsentStatus;
  /** RFC 3339 UTC without fractions (`2026-05-10T12:00:00Z`), as the spec's pattern wants. */
  creationDateTime: string;
  statusUpdateDateTime: string;
  permissions: string[];
  /** Absent: consent without an end date. */
  expirationDateTime?: string;
  loggedUser: { document: Document };
  businessEntity?: { document: Document };
  rejection?: Rejection;
  /** The client (client_id) that created it: only it may use it. */
  clientId: string;
  /** Set when authorised: the resources the customer chose. */
  resources?: ConsentResource[];
  /** Set when authorised: the authorization server's grant, revoked with the consent. */
  grantId?: string;
  /** Every extension of an authorised consent, oldest first (the consents API's extensions list). */
  extensions?: ConsentExtension[];
}

/** One extension (`POST /consents/{id}/extends`), as the extensions list shows it. */
export interface ConsentExtension {
  /** Absent: extended without an end date. */
  expirationDateTime?: string;
  previousExpirationDateTime?: string;
  loggedUser: { document: Document };
  requestDateTime: string;
  xFapiCustomerIpAddress: string;
  xCustomerUserAgent: string;
}

/** The permissions of consents 3.3.1 (CreateConsent's enum), in the spec's order. */
export const CONSENT_PERMISSIONS = [
  'ACCOUNTS_READ',
  'ACCOUNTS_BALANCES_READ',
  'ACCOUNTS_TRANSACTIONS_READ',
  'ACCOUNTS_OVERDRAFT_LIMITS_READ',
  'CREDIT_CARDS_ACCOUNTS_READ',
  'CREDIT_CARDS_ACCOUNTS_BILLS_READ',
  'CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ',
  'CREDIT_CARDS_ACCOUNTS_LIMITS_READ',
  'CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ',
  'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ',
  'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
  'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ',
  'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
  'FINANCINGS_READ',
  'FINANCINGS_SCHEDULED_INSTALMENTS_READ',
  'FINANCINGS_PAYMENTS_READ',
  'FINANCINGS_WARRANTIES_READ',
  'INVOICE_FINANCINGS_READ',
  'INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ',
  'INVOICE_FINANCINGS_PAYMENTS_READ',
  'INVOICE_FINANCINGS_WARRANTIES_READ',
  'LOANS_READ',
  'LOANS_SCHEDULED_INSTALMENTS_READ',
  'LOANS_PAYMENTS_READ',
  'LOANS_WARRANTIES_READ',
  'UNARRANGED_ACCOUNTS_OVERDRAFT_READ',
  'UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ',
  'UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ',
  'UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ',
  'RESOURCES_READ',
  'BANK_FIXED_INCOMES_READ',
  'CREDIT_FIXED_INCOMES_READ',
  'FUNDS_READ',
  'VARIABLE_INCOMES_READ',
  'TREASURE_TITLES_READ',
  'EXCHANGES_READ',
] as const;

/**
 * Which resource types a permission lets the customer choose on the consent page (the
 * resources API's types). Permissions on the customer's registration data select no resource.
 */
const RESOURCE_TYPE_OF_PERMISSION_PREFIX: ReadonlyArray<[prefix: string, type: string]> = [
  ['ACCOUNTS_', 'ACCOUNT'],
  ['CREDIT_CARDS_ACCOUNTS_', 'CREDIT_CARD_ACCOUNT'],
  ['LOANS_', 'LOAN'],
  ['FINANCINGS_', 'FINANCING'],
  ['UNARRANGED_ACCOUNTS_OVERDRAFT_', 'UNARRANGED_ACCOUNT_OVERDRAFT'],
  ['INVOICE_FINANCINGS_', 'INVOICE_FINANCING'],
  ['BANK_FIXED_INCOMES_', 'BANK_FIXED_INCOME'],
  ['CREDIT_FIXED_INCOMES_', 'CREDIT_FIXED_INCOME'],
  ['FUNDS_', 'FUND'],
  ['VARIABLE_INCOMES_', 'VARIABLE_INCOME'],
  ['TREASURE_TITLES_', 'TREASURE_TITLE'],
  ['EXCHANGES_', 'EXCHANGE'],
];

/** The resource types a consent's permissions cover. */
export function resourceTypesFor(permissions: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const permission of permissions)
    for (const [prefix, type] of RESOURCE_TYPE_OF_PERMISSION_PREFIX) if (permission.startsWith(prefix)) types.add(type);
  return types;
}

/** `data` of the consents API's GET/POST answer (ResponseConsentRead): the record without what the transmitter keeps to itself. */
export function consentResponseData(consent: Consent): Record<string, unknown> {
  const data: Record<string, unknown> = {
    consentId: consent.consentId,
    creationDateTime: consent.creationDateTime,
    status: consent.status,
    statusUpdateDateTime: consent.statusUpdateDateTime,
    permissions: consent.permissions,
  };
  if (consent.expirationDateTime !== undefined) data.expirationDateTime = consent.expirationDateTime;
  if (consent.rejection !== undefined) data.rejection = consent.rejection;
  return data;
}

/** RFC 3339 UTC with seconds, no fraction: the consents spec's date-time pattern (maxLength 20). */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
