/**
 * The consents' life cycle over the state store, for the consents API handler
 * and the authorization server alike: create (AWAITING_AUTHORISATION),
 * authorise with the customer's chosen resources, reject, revoke, and the
 * two expiries the spec defines (not authorised within 60 minutes; past its
 * expirationDateTime). Every transition is atomic across replicas, and a
 * consent that stops being AUTHORISED takes its tokens with it.
 */
import { randomUUID } from 'node:crypto';
import { AferirError } from '../../specs/errors.ts';
import { Collection } from '../state/collection.ts';
import type { StateStore } from '../state/store.ts';
import {
  CONSENT_PERMISSIONS,
  rfc3339Seconds,
  type Consent,
  type ConsentExtension,
  type ConsentResource,
  type Document,
  type RejectedBy,
  type RejectionCode,
} from './consent.ts';

export interface ConsentServiceOptions {
  /** The clock in ms since the epoch (consents live in real time, as the tokens do). Default `Date.now`. */
  now?: () => number;
  /** The namespace of consent ids (`urn:<namespace>:<uuid>`). Default `aferir`. */
  namespace?: string;
  /** Seconds a consent may wait for the customer before it is REJECTED with CONSENT_EXPIRED. Default 3600 (the spec's 60 minutes). */
  awaitingSeconds?: number;
  /** Seconds a consent is kept after it can no longer be used, so GET still answers. Default 30 days. */
  retentionSeconds?: number;
  /** Called once when a consent that had a grant stops being usable: revokes the grant's tokens. Default: nothing. */
  revokeGrant?: (grantId: string) => Promise<void>;
}

export interface NewConsent {
  permissions: string[];
  loggedUser: { document: Document };
  businessEntity?: { document: Document };
  /** RFC 3339 UTC; absent = no end date. */
  expirationDateTime?: string;
  /** The permissions the consents spec enumerates. Default: Open Finance Brasil's (CONSENT_PERMISSIONS). */
  knownPermissions?: readonly string[];
}

export type ConsentErrorCode = 'consent-invalid' | 'consent-not-found' | 'consent-other-client' | 'consent-status';

/** Why a consent operation was refused; `code` is stable, the API handler maps it to 400/403/404/422. */
export class ConsentError extends AferirError {
  constructor(
    readonly reason: ConsentErrorCode,
    message: string,
  ) {
    super(reason, message, 1);
  }
}

const KNOWN = new Set<string>(CONSENT_PERMISSIONS);
const YEAR_SECONDS = 365 * 86_400;

export class ConsentService {
  private readonly consents: Collection<Consent>;
  private readonly now: () => number;
  private readonly namespace: string;
  private readonly awaitingMs: number;
  private readonly retentionSeconds: number;

  constructor(
    store: StateStore,
    private readonly options: ConsentServiceOptions = {},
  ) {
    this.consents = new Collection<Consent>(store, 'consent');
    this.now = options.now ?? Date.now;
    this.namespace = options.namespace ?? 'aferir';
    this.awaitingMs = (options.awaitingSeconds ?? 3600) * 1000;
    this.retentionSeconds = options.retentionSeconds ?? 30 * 86_400;
  }

  /** The consents' clock (ms since the epoch): the API's own date rules read it too, so a moved clock moves them all. */
  nowMs(): number {
    return this.now();
  }

  async create(clientId: string, input: NewConsent): Promise<Consent> {
    const now = this.now();
    checkNewConsent(input, now);
    const stamp = rfc3339Seconds(now);
    const consent: Consent = {
      consentId: `urn:${this.namespace}:${randomUUID()}`,
      status: 'AWAITING_AUTHORISATION',
      creationDateTime: stamp,
      statusUpdateDateTime: stamp,
      permissions: [...new Set(input.permissions)],
      ...(input.expirationDateTime === undefined ? {} : { expirationDateTime: input.expirationDateTime }),
      loggedUser: { document: { ...input.loggedUser.document } },
      ...(input.businessEntity ? { businessEntity: { document: { ...input.businessEntity.document } } } : {}),
      clientId,
    };
    const lifetime = input.expirationDateTime === undefined ? YEAR_SECONDS : Math.ceil((Date.parse(input.expirationDateTime) - now) / 1000);
    await this.consents.put(consent.consentId, consent, lifetime + this.retentionSeconds);
    return consent;
  }

  /** The consent as it stands now (a consent past one of its deadlines is REJECTED first), or undefined. */
  async get(consentId: string): Promise<Consent | undefined> {
    return this.expire(consentId);
  }

  /** The consent if it exists and belongs to `clientId`; a ConsentError otherwise. */
  async getFor(clientId: string, consentId: string): Promise<Consent> {
    const consent = await this.get(consentId);
    if (!consent) throw new ConsentError('consent-not-found', `consent ${consentId} does not exist.`);
    if (consent.clientId !== clientId) throw new ConsentError('consent-other-client', `consent ${consentId} belongs to another client.`);
    return consent;
  }

  /** AWAITING_AUTHORISATION → AUTHORISED with the customer's resources and the grant its tokens hang from. */
  async authorise(consentId: string, resources: ConsentResource[], grantId: string): Promise<Consent> {
    return this.transition(consentId, ['AWAITING_AUTHORISATION'], (consent, stamp) => ({
      ...consent,
      status: 'AUTHORISED',
      statusUpdateDateTime: stamp,
      resources,
      grantId,
    }));
  }

  /** An AUTHORISED consent gets a new expiration (or none), recorded in its extensions. */
  async extend(
    consentId: string,
    expirationDateTime: string | undefined,
    loggedUser: { document: Document },
    client: Pick<ConsentExtension, 'xFapiCustomerIpAddress' | 'xCustomerUserAgent'>,
  ): Promise<Consent> {
    return this.transition(consentId, ['AUTHORISED'], (consent, stamp) => {
      const extension: ConsentExtension = {
        ...(expirationDateTime === undefined ? {} : { expirationDateTime }),
        ...(consent.expirationDateTime === undefined ? {} : { previousExpirationDateTime: consent.expirationDateTime }),
        loggedUser: { document: { ...loggedUser.document } },
        requestDateTime: stamp,
        ...client,
      };
      const { expirationDateTime: _previous, ...rest } = consent;
      return {
        ...rest,
        ...(expirationDateTime === undefined ? {} : { expirationDateTime }),
        statusUpdateDateTime: stamp,
        extensions: [...(consent.extensions ?? []), extension],
      };
    });
  }

  /** AWAITING_AUTHORISATION → REJECTED (the customer said no, or the transmitter refused). */
  async reject(consentId: string, rejectedBy: RejectedBy, code: RejectionCode, additionalInformation?: string): Promise<Consent> {
    return this.transition(consentId, ['AWAITING_AUTHORISATION'], (consent, stamp) =>
      rejected(consent, stamp, rejectedBy, code, additionalInformation),
    );
  }

  /** DELETE /consents/{id}: an AUTHORISED consent is revoked, a waiting one rejected; its tokens stop working. */
  async revoke(consentId: string, rejectedBy: RejectedBy = 'TPP'): Promise<Consent> {
    const consent = await this.transition(consentId, ['AWAITING_AUTHORISATION', 'AUTHORISED'], (current, stamp) =>
      rejected(current, stamp, rejectedBy, current.status === 'AUTHORISED' ? 'CUSTOMER_MANUALLY_REVOKED' : 'CUSTOMER_MANUALLY_REJECTED'),
    );
    await this.revokeGrantOf(consent);
    return consent;
  }

  /** Applies the deadlines: waiting past 60 minutes → CONSENT_EXPIRED; authorised past expirationDateTime → CONSENT_MAX_DATE_REACHED. */
  async expire(consentId: string): Promise<Consent | undefined> {
    let ended: Consent | undefined;
    const consent = await this.consents.update(consentId, (current) => {
      ended = undefined;
      const now = this.now();
      const stamp = rfc3339Seconds(now);
      if (current.status === 'AWAITING_AUTHORISATION' && now - Date.parse(current.creationDateTime) >= this.awaitingMs)
        return rejected(current, stamp, 'ASPSP', 'CONSENT_EXPIRED');
      if (current.status === 'AUTHORISED' && current.expirationDateTime !== undefined && now >= Date.parse(current.expirationDateTime)) {
        ended = rejected(current, stamp, 'ASPSP', 'CONSENT_MAX_DATE_REACHED');
        return ended;
      }
      return undefined;
    });
    if (ended && consent?.status === 'REJECTED') await this.revokeGrantOf(consent);
    return consent;
  }

  private async transition(
    consentId: string,
    from: Consent['status'][],
    change: (consent: Consent, stamp: string) => Consent,
  ): Promise<Consent> {
    await this.expire(consentId);
    let refused: Consent | undefined;
    const consent = await this.consents.update(consentId, (current) => {
      refused = from.includes(current.status) ? undefined : current;
      return refused ? undefined : change(current, rfc3339Seconds(this.now()));
    });
    if (!consent) throw new ConsentError('consent-not-found', `consent ${consentId} does not exist.`);
    if (refused) throw new ConsentError('consent-status', `consent ${consentId} is ${refused.status}, not ${from.join(' or ')}.`);
    return consent;
  }

  private async revokeGrantOf(consent: Consent): Promise<void> {
    if (consent.grantId && this.options.revokeGrant) await this.options.revokeGrant(consent.grantId);
  }
}

function rejected(consent: Consent, stamp: string, rejectedBy: RejectedBy, code: RejectionCode, additionalInformation?: string): Consent {
  return {
    ...consent,
    status: 'REJECTED',
    statusUpdateDateTime: stamp,
    rejection: { rejectedBy, reason: { code, ...(additionalInformation ? { additionalInformation } : {}) } },
  };
}

/** The domain rules the schema cannot express; the API handler validates the body's shape against the spec first. */
function checkNewConsent(input: NewConsent, now: number): void {
  if (!Array.isArray(input.permissions) || input.permissions.length === 0)
    throw new ConsentError('consent-invalid', 'a consent needs at least one permission.');
  const known = input.knownPermissions ? new Set(input.knownPermissions) : KNOWN;
  const unknown = input.permissions.filter((permission) => !known.has(permission));
  if (unknown.length > 0) throw new ConsentError('consent-invalid', `unknown permissions: ${unknown.slice(0, 5).join(', ')}.`);
  const cpf = input.loggedUser?.document?.identification;
  if (typeof cpf !== 'string' || !/^\d{11}$/.test(cpf))
    throw new ConsentError('consent-invalid', 'loggedUser.document.identification must be a CPF of 11 digits.');
  if (input.expirationDateTime !== undefined) {
    const expiry = Date.parse(input.expirationDateTime);
    if (!Number.isFinite(expiry) || expiry <= now)
      throw new ConsentError('consent-invalid', `expirationDateTime ${input.expirationDateTime} is not a date in the future.`);
  }
}
