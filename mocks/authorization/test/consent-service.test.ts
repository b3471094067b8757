import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../state/memory-store.ts';
import { consentResponseData } from '../consent.ts';
import { ConsentError, ConsentService } from '../consent-service.ts';

const CPF = '52998224725';
const START = Date.parse('2026-05-10T12:00:00Z');

function service() {
  let now = START;
  const revoked: string[] = [];
  const consents = new ConsentService(new MemoryStore({ now: () => now }), {
    now: () => now,
    revokeGrant: async (grantId) => void revoked.push(grantId),
  });
  return { consents, revoked, advance: (ms: number) => void (now += ms) };
}

const input = (expirationDateTime?: string) => ({
  permissions: ['ACCOUNTS_READ', 'RESOURCES_READ', 'ACCOUNTS_READ'],
  loggedUser: { document: { identification: CPF, rel: 'CPF' } },
  ...(expirationDateTime ? { expirationDateTime } : {}),
});

describe('ConsentService', () => {
  it('creates a consent awaiting authorisation with the spec’s id and date formats', async () => {
    const { consents } = service();
    const consent = await consents.create('client-1', input('2026-06-10T12:00:00Z'));
    expect(consent.consentId).toMatch(/^urn:[a-zA-Z0-9][a-zA-Z0-9-]{0,31}:[a-zA-Z0-9()+,\-.:=@;$_!*'%/?#]+$/);
    expect(consent).toMatchObject({ status: 'AWAITING_AUTHORISATION', creationDateTime: '2026-05-10T12:00:00Z', clientId: 'client-1' });
    expect(consent.permissions).toEqual(['ACCOUNTS_READ', 'RESOURCES_READ']);
    expect(consentResponseData(consent)).toEqual({
      consentId: consent.consentId,
      creationDateTime: '2026-05-10T12:00:00Z',
      status: 'AWAITING_AUTHORISATION',
      statusUpdateDateTime: '2026-05-10T12:00:00Z',
      permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
      expirationDateTime: '2026-06-10T12:00:00Z',
    });
  });

  it('refuses what the domain forbids: no permission, an unknown one, a bad CPF, a past expiry', async () => {
    const { consents } = service();
    await expect(consents.create('c', { ...input(), permissions: [] })).rejects.toThrow(/at least one permission/);
    await expect(consents.create('c', { ...input(), permissions: ['ACCOUNTS_WRITE'] })).rejects.toThrow(
      /unknown permissions: ACCOUNTS_WRITE/,
    );
    await expect(consents.create('c', { ...input(), loggedUser: { document: { identification: '123', rel: 'CPF' } } })).rejects.toThrow(
      /CPF/,
    );
    await expect(consents.create('c', input('2026-05-10T11:00:00Z'))).rejects.toBeInstanceOf(ConsentError);
  });

  it('authorise → revoke: REJECTED by the TPP as CUSTOMER_MANUALLY_REVOKED, and the grant is revoked', async () => {
    const { consents, revoked, advance } = service();
    const { consentId } = await consents.create('c', input());
    advance(5_000);
    const authorised = await consents.authorise(consentId, [{ id: 'acc-1', type: 'ACCOUNT', label: 'x' }], 'grant-1');
    expect(authorised).toMatchObject({ status: 'AUTHORISED', statusUpdateDateTime: '2026-05-10T12:00:05Z', grantId: 'grant-1' });
    await expect(consents.authorise(consentId, [], 'grant-2')).rejects.toMatchObject({ reason: 'consent-status' });
    const revokedConsent = await consents.revoke(consentId);
    expect(revokedConsent).toMatchObject({
      status: 'REJECTED',
      rejection: { rejectedBy: 'TPP', reason: { code: 'CUSTOMER_MANUALLY_REVOKED' } },
    });
    expect(revoked).toEqual(['grant-1']);
    await expect(consents.revoke(consentId)).rejects.toMatchObject({ reason: 'consent-status' });
  });

  it('a customer who says no: REJECTED by the USER as CUSTOMER_MANUALLY_REJECTED', async () => {
    const { consents } = service();
    const { consentId } = await consents.create('c', input());
    expect(await consents.reject(consentId, 'USER', 'CUSTOMER_MANUALLY_REJECTED')).toMatchObject({
      status: 'REJECTED',
      rejection: { rejectedBy: 'USER', reason: { code: 'CUSTOMER_MANUALLY_REJECTED' } },
    });
  });

  it('not authorised within 60 minutes: REJECTED by the ASPSP as CONSENT_EXPIRED', async () => {
    const { consents, advance } = service();
    const { consentId } = await consents.create('c', input());
    advance(59 * 60_000);
    expect((await consents.get(consentId))?.status).toBe('AWAITING_AUTHORISATION');
    advance(60_000);
    expect(await consents.get(consentId)).toMatchObject({
      status: 'REJECTED',
      rejection: { rejectedBy: 'ASPSP', reason: { code: 'CONSENT_EXPIRED' } },
    });
    await expect(consents.authorise(consentId, [], 'g')).rejects.toMatchObject({ reason: 'consent-status' });
  });

  it('past its expirationDateTime: REJECTED as CONSENT_MAX_DATE_REACHED, and its grant revoked once', async () => {
    const { consents, revoked, advance } = service();
    const { consentId } = await consents.create('c', input('2026-05-11T12:00:00Z'));
    await consents.authorise(consentId, [], 'grant-9');
    advance(86_400_000);
    expect(await consents.get(consentId)).toMatchObject({
      status: 'REJECTED',
      rejection: { reason: { code: 'CONSENT_MAX_DATE_REACHED' } },
    });
    await consents.get(consentId);
    expect(revoked).toEqual(['grant-9']);
  });

  it('getFor tells an unknown consent from one of another client', async () => {
    const { consents } = service();
    const { consentId } = await consents.create('owner', input());
    await expect(consents.getFor('owner', consentId)).resolves.toMatchObject({ consentId });
    await expect(consents.getFor('intruder', consentId)).rejects.toMatchObject({ reason: 'consent-other-client' });
    await expect(consents.getFor('owner', 'urn:aferir:none')).rejects.toMatchObject({ reason: 'consent-not-found' });
  });

  it('of two replicas authorising at once, exactly one wins', async () => {
    const { consents } = service();
    const { consentId } = await consents.create('c', input());
    const results = await Promise.allSettled([consents.authorise(consentId, [], 'g1'), consents.authorise(consentId, [], 'g2')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
