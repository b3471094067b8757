/**
 * oidc-provider's storage adapter on the state store, so that every replica
 * pointed at the same Redis shares codes, tokens, grants, sessions,
 * interactions, pushed requests, registered clients and seen client-assertion
 * `jti`s. Two operations are made atomic where oidc-provider's own
 * find-then-write would let two replicas both succeed: marking a code or a
 * pushed request consumed, and recording a `jti` (replay detection).
 */
import { errors } from 'oidc-provider';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { Collection } from '../state/collection.ts';
import type { StateStore } from '../state/store.ts';

/** Models whose records hang from a grant and go when it is revoked. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

const grantKey = (grantId: string) => `oidc:grant:${grantId}`;
const uidKey = (uid: string) => `oidc:uid:${uid}`;
const userCodeKey = (code: string) => `oidc:userCode:${code}`;

/** The adapter factory oidc-provider's `adapter` option takes. */
export function stateAdapter(store: StateStore): (model: string) => Adapter {
  return (model) => new StateAdapter(store, model);
}

class StateAdapter implements Adapter {
  private readonly records: Collection<AdapterPayload>;

  constructor(
    private readonly store: StateStore,
    private readonly model: string,
  ) {
    this.records = new Collection<AdapterPayload>(store, `oidc:${model}`);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const ttl = expiresIn !== undefined && expiresIn > 0 ? expiresIn : undefined;
    if (this.model === 'ReplayDetection') {
      // Another replica may have recorded the same jti between oidc-provider's find and this write.
      if (!(await this.records.create(id, payload, ttl)))
        throw new errors.InvalidClientAuth('client assertion tokens must only be used once');
      return;
    }
    await this.records.put(id, payload, ttl);
    if (GRANTABLE.has(this.model) && payload.grantId) await this.store.addToSet(grantKey(payload.grantId), this.records.key(id), ttl);
    if (this.model === 'Session' && payload.uid) await this.store.set(uidKey(payload.uid), id, ttl);
    if (payload.userCode) await this.store.set(userCodeKey(payload.userCode), id, ttl);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.records.get(id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get(uidKey(uid));
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get(userCodeKey(userCode));
    return id === undefined ? undefined : this.find(id);
  }

  /** Marks the record consumed; if another replica consumed it first, the request fails as a reuse would. */
  async consume(id: string): Promise<void> {
    let already = false;
    await this.records.update(id, (current) => {
      already = current.consumed !== undefined && current.consumed !== null && current.consumed !== false;
      return already ? undefined : { ...current, consumed: Math.floor(Date.now() / 1000) };
    });
    if (!already) return;
    if (this.model === 'PushedAuthorizationRequest')
      throw new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used');
    throw new errors.InvalidGrant(`${this.model === 'AuthorizationCode' ? 'authorization code' : 'grant'} already consumed`);
  }

  async destroy(id: string): Promise<void> {
    const payload = await this.records.get(id);
    await this.records.delete(id);
    if (payload?.uid && this.model === 'Session' && (await this.store.get(uidKey(payload.uid))) === id)
      await this.store.delete(uidKey(payload.uid));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const key = grantKey(grantId);
    const members = await this.store.members(key);
    await this.store.delete(...members, key);
  }
}
