import type { Job } from 'bullmq';
import { ReferralDeliveryProcessor } from '../../src/referrals/referral-delivery.processor';
import { makeConsent } from '../factories/cases.factory';
import { makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';
import { startPartner } from './partner-server';
import { referralScenario } from './referral-scenario';

const SECRET = 'sv-partner-shared-secret-0123456789abcdef';
const SECRET_REF = 'EXTERNAL_AGENCY_SECRET_TEST_EXPIRY';

/** An expired consent ends access exactly as a withdrawn one: at read time, and by the worker's sweep. */
describe('consent expiry ends referral access as withdrawal does', () => {
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let partner: Awaited<ReturnType<typeof startPartner>>;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let external: Awaited<ReturnType<typeof makeAgency>>;
  const revokedEarlier: string[] = [];

  beforeAll(async () => {
    partner = await startPartner(SECRET);
    t = await createTestApp({ env: { [SECRET_REF]: SECRET, REFERRAL_CONSENT_EXPIRY_SWEEP_MS: '1000' } });
    s = await referralScenario(t);
    external = await makeAgency(t.dataSource, {
      countryCode: 'GT',
      type: 'health',
      services: [],
      onEnlace: false,
      deliveryEndpoint: partner.url,
      signingSecretRef: SECRET_REF,
    });
    await makeAgreement(t.dataSource, [s.sender, external]);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await partner?.close();
  });

  const as = (actor: any) => ({ token: t.tokenFor(actor) });
  const consentFor = (recipients: string[]) =>
    makeConsent(t.dataSource, s.caseFile, {
      purposes: ['health_care'],
      recipientAgencyIds: recipients,
      dataCategories: ['identification', 'case_summary', 'health'],
    });
  const refer = async (over: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: s.body(over) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const expire = (consentId: string) =>
    t.dataSource.query(`UPDATE consent SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      consentId,
    ]);
  const row = async (id: string) =>
    (
      await t.dataSource.query(
        'SELECT status, status_reason, access_revoked_at FROM referral WHERE id = $1',
        [id],
      )
    )[0];

  it('refuses the recipient the snapshot once the consent has expired, before any job has run', async () => {
    const consent = await consentFor([s.recipient.id]);
    const id = await refer({ consentId: consent.id, dispatch: true });
    revokedEarlier.push(id);
    // Delivered to the inbox (no worker in this test: recorded directly).
    await t.dataSource.query(`UPDATE referral SET status = 'delivered', delivered_at = now() WHERE id = $1`, [
      id,
    ]);
    expect((await t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(s.focal))).status).toBe(200);
    await expire(consent.id);
    const refused = await t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(s.focal));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SNAPSHOT_NOT_AVAILABLE');
    expect((await row(id)).access_revoked_at).toBeNull();
    const denied = await t.dataSource.query(
      `SELECT action FROM audit_entry WHERE outcome = 'denied' AND subject_id = $1`,
      [id],
    );
    expect(denied).toEqual([{ action: 'referral.snapshot.read' }]);
    // The sender keeps its own view of what it sent.
    expect((await t.request('GET', `/api/v1/referrals/${id}/snapshot`, as(s.caseworker))).status).toBe(200);
  });

  it('a delivery queued before the expiry sends nothing after it, and revokes the referral', async () => {
    const consent = await consentFor([external.id]);
    const id = await refer({ consentId: consent.id, recipientAgencyId: external.id, dispatch: true });
    revokedEarlier.push(id);
    await expire(consent.id);
    const job = { attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job;
    const res = await t.app
      .get(ReferralDeliveryProcessor)
      .deliver({ referralId: id, version: 1, round: 0 }, job);
    expect(res).toEqual({ result: 'consent_expired' });
    expect(partner.referrals().map((r: any) => r.referralId)).not.toContain(id);
    expect(await row(id)).toMatchObject({ status: 'cancelled', status_reason: 'consent_expired' });
  });

  it('the worker’s sweep revokes access, cancels what has not left and sends external partners the withdrawal notice', async () => {
    const consent = await consentFor([s.recipient.id, external.id]);
    const draft = await refer({ consentId: consent.id });
    const sent = await refer({ consentId: consent.id, recipientAgencyId: external.id, dispatch: true });
    worker = await startWorker(t.env);
    await eventually(
      () => row(sent),
      (r) => r.status === 'delivered',
    );
    await expire(consent.id);
    const [{ expires_at: expiresAt }] = await t.dataSource.query(
      'SELECT expires_at FROM consent WHERE id = $1',
      [consent.id],
    );
    const notice = await eventually(
      async () => partner.processed.get(`withdrawal-${sent}`),
      (n) => n !== undefined,
    );
    expect(notice!.body).toEqual({
      type: 'consent_withdrawn',
      referralId: sent,
      idempotencyKey: `withdrawal-${sent}`,
      withdrawnAt: expiresAt.toISOString(),
      instruction: 'stop_processing_and_delete_snapshot',
    });
    expect(partner.stats.badSignatures).toBe(0);
    expect(await row(draft)).toMatchObject({ status: 'cancelled', status_reason: 'consent_expired' });
    expect((await row(sent)).access_revoked_at).toEqual(expiresAt);
    const revoked = await t.dataSource.query(
      `SELECT subject_id FROM audit_entry WHERE action = 'referral.accessRevoked' AND purpose = 'consent_expired'`,
    );
    // This consent's two referrals and the earlier tests', whose consents expired too.
    expect(revoked.map((r: any) => r.subject_id).sort()).toEqual([draft, sent, ...revokedEarlier].sort());
    const viewed = await t.request('GET', `/api/v1/referrals/${sent}`, as(s.caseworker));
    expect(viewed.body.accessRevoked).toBe(true);
  });
});
