import { DomainEventMap, DomainEvents } from '../../src/common/domain-events';
import { Consent } from '../../src/cases/records/consent.entity';
import { contentHash } from '../../src/referrals/referral-signature';
import { makeConsent } from '../factories/cases.factory';
import { makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { eventually } from '../harness/queues';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker, WorkerProcess } from '../harness/worker-process';
import { referralScenario } from './referral-scenario';
import { signedHeaders, startPartner } from './partner-server';

const SECRET = 'mx-dif-shared-secret-0123456789abcdef';
const SECRET_REF = 'EXTERNAL_AGENCY_SECRET_TEST_MX_DIF';

describe('cross-country referral to an agency outside Enlace (signed HTTP)', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let partner: Awaited<ReturnType<typeof startPartner>>;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let consent: Consent;
  const completed: DomainEventMap['referral.completed'][] = [];

  beforeAll(async () => {
    partner = await startPartner(SECRET);
    t = await createTestApp({
      env: { [SECRET_REF]: SECRET, REFERRAL_DELIVERY_BACKOFF_MS: '100', REFERRAL_DELIVERY_ATTEMPTS: '3' },
    });
    s = await referralScenario(t, {
      recipient: {
        countryCode: 'MX',
        type: 'child_protection_authority',
        services: [],
        onEnlace: false,
        deliveryEndpoint: partner.url,
        signingSecretRef: SECRET_REF,
      },
    });
    // Country-to-country agreement (GT–MX) for family reunification.
    await makeAgreement(t.dataSource, [], {
      partyCountryCodes: ['GT', 'MX'],
      involvedCountries: ['GT', 'MX'],
      purposes: ['family_reunification'],
      dataCategories: ['identification', 'contact', 'documents', 'case_summary'],
    });
    consent = await makeConsent(t.dataSource, s.caseFile, {
      purposes: ['family_reunification'],
      recipientAgencyIds: [s.recipient.id],
      dataCategories: ['identification', 'contact', 'case_summary', 'health'],
    });
    t.app.get(DomainEvents).subscribe('referral.completed', async (e) => void completed.push(e));
    worker = await startWorker(t.env);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await partner?.close();
  });

  const as = (actor: any) => ({ token: t.tokenFor(actor) });
  const body = (over: Record<string, unknown> = {}) =>
    s.body({
      serviceType: 'family_reunification',
      purpose: 'family_reunification',
      consentId: consent.id,
      dispatch: true,
      ...over,
    });
  const get = async (id: string) =>
    (await t.request('GET', `/api/v1/referrals/${id}`, as(s.caseworker))).body;
  /** The `referral.share` entries of a referral: what was sent to the partner, by the system. */
  const shares = (referralId: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, actor_country_code, subject_type, case_id, fields, purpose, outcome
         FROM audit_entry WHERE action = 'referral.share' AND subject_id = $1 ORDER BY id`,
      [referralId],
    );
  const inbound = (payload: Record<string, unknown>, headers?: Record<string, string>) => {
    const raw = JSON.stringify(payload);
    return t.request('POST', '/api/v1/referrals/inbound/status', {
      body: raw,
      headers: headers ?? signedHeaders(SECRET, s.recipient.id, raw),
    });
  };

  let id: string;
  let retried: string;

  it('POSTs a signed, minimized referral and records the acknowledgement', async () => {
    const res = await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: body() });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ external: true, recipientCountry: 'MX', status: 'dispatched' });
    await eventually(
      () => get(id),
      (r) => r.status === 'delivered',
    );
    expect(partner.stats.badSignatures).toBe(0);
    const [sent] = partner.referrals();
    expect(sent).toMatchObject({
      type: 'referral',
      referralId: id,
      idempotencyKey: `referral-${id}-v1`,
      sender: { agencyId: s.sender.id, countryCode: 'GT' },
      serviceType: 'family_reunification',
      legalBasis: 'consent',
    });
    // agreement (identification, contact, documents, case_summary) ∩ consent (…, health) ∩ needs
    expect(sent.snapshot.categories).toEqual(['case_summary', 'contact', 'identification']);
    expect(sent.snapshot.contentHash).toBe(
      contentHash({ categories: sent.snapshot.categories, data: sent.snapshot.data }),
    );
    const wire = JSON.stringify(sent);
    for (const outside of ['hipoacusia', 'no binario', 'P1234567', s.consent.id])
      expect(wire).not.toContain(outside);
    const [delivery] = await t.dataSource.query(
      `SELECT channel, http_status, external_reference, received_at FROM referral_delivery WHERE referral_id = $1`,
      [id],
    );
    expect(delivery).toMatchObject({ channel: 'http', http_status: 200, external_reference: 'EXT-1' });
    expect(delivery.received_at).toBeInstanceOf(Date);
    expect((await get(id)).externalReference).toBe('EXT-1');
    // Audited as a share, with the categories that left, in the sending country's trail.
    expect(await shares(id)).toEqual([
      {
        actor_user_id: null,
        actor_country_code: 'GT',
        subject_type: 'Referral',
        case_id: s.caseFile.id,
        fields: ['case_summary', 'contact', 'identification'],
        purpose: 'family_reunification',
        outcome: 'allowed',
      },
    ]);
  });

  it('accepts a signed status update, once', async () => {
    const payload = { referralId: id, status: 'accepted', externalReference: 'DIF-MX-2026-88' };
    const raw = JSON.stringify(payload);
    const headers = signedHeaders(SECRET, s.recipient.id, raw);
    const ok = await t.request('POST', '/api/v1/referrals/inbound/status', { body: raw, headers });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ referralId: id, status: 'accepted' });
    const replay = await t.request('POST', '/api/v1/referrals/inbound/status', { body: raw, headers });
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('INBOUND_REPLAYED');
    const history = (await get(id)).history;
    expect(history.at(-1)).toMatchObject({
      to: 'accepted',
      source: 'external',
      actorAgencyId: s.recipient.id,
    });
  });

  it('refuses unsigned, tampered, stale, future and unknown-agency updates (401, audited)', async () => {
    const payload = { referralId: id, status: 'rejected', reason: 'forged' };
    const raw = JSON.stringify(payload);
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      {
        ...signedHeaders(SECRET, s.recipient.id, raw),
        'x-enlace-signature': signedHeaders('wrong', s.recipient.id, raw)['x-enlace-signature'],
      },
      signedHeaders(SECRET, s.recipient.id, raw, now - 301),
      signedHeaders(SECRET, s.recipient.id, raw, now + 60),
      signedHeaders(SECRET, s.sender.id, raw),
      signedHeaders(SECRET, '7d0e5a4e-1111-4c1e-9a55-000000000000', raw),
    ];
    for (const headers of cases) {
      const res = await t.request('POST', '/api/v1/referrals/inbound/status', { body: raw, headers });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INBOUND_UNAUTHENTICATED');
    }
    const tampered = await t.request('POST', '/api/v1/referrals/inbound/status', {
      body: raw.replace('forged', 'forgeD'),
      headers: signedHeaders(SECRET, s.recipient.id, raw),
    });
    expect(tampered.status).toBe(401);
    const denied = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'referral.inboundStatus' AND outcome = 'denied'`,
    );
    expect(denied[0].n).toBe(7);
    expect((await get(id)).status).toBe('accepted');
  });

  it('validates a signed update and only for referrals addressed to that agency', async () => {
    const missingOutcome = await inbound({ referralId: id, status: 'completed' });
    expect(missingOutcome.status).toBe(400);
    const badStatus = await inbound({ referralId: id, status: 'lost' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].field).toBe('status');
    const internal = await t.request('POST', '/api/v1/referrals', {
      ...as(s.caseworker),
      body: s.body({ recipientAgencyId: (await makeAgency(t.dataSource)).id }),
    });
    const notOurs = await inbound({ referralId: s.caseFile.id, status: 'accepted' });
    expect(notOurs.status).toBe(404);
    expect(internal.status).toBe(422);
  });

  it('completes with an outcome written back to the sender’s case', async () => {
    const res = await inbound({
      referralId: id,
      status: 'completed',
      outcome: 'Reunificación con la abuela en Chiapas',
    });
    expect(res.status).toBe(200);
    expect(completed).toEqual([{ referralId: id, caseId: s.caseFile.id }]);
    const onCase = await t.request('GET', `/api/v1/cases/${s.caseFile.id}/referrals`, as(s.caseworker));
    expect(onCase.body.items.find((r: any) => r.id === id).serviceOutcome).toMatchObject({
      reportedVia: 'external',
    });
    expect((await get(id)).externalReference).toBe('EXT-1');
  });

  it('an unrecoverable 4xx fails at once; the sender retries and it is delivered once', async () => {
    partner.setMode({ failWith: 422 });
    const r = (await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: body() })).body;
    retried = r.id;
    const failed = await eventually(
      () => get(r.id),
      (x) => x.status === 'delivery_failed',
    );
    expect(failed.statusReason).toBe('http_422');
    expect(partner.stats.failed).toBe(1);
    partner.setMode({});
    const retry = await t.request('POST', `/api/v1/referrals/${r.id}/retry-delivery`, as(s.caseworker));
    expect(retry.status).toBe(200);
    await eventually(
      () => get(r.id),
      (x) => x.status === 'delivered',
    );
    expect(partner.referrals().filter((b) => b.referralId === r.id)).toHaveLength(1);
    expect(
      (await t.request('POST', `/api/v1/referrals/${r.id}/retry-delivery`, as(s.caseworker))).body.code,
    ).toBe('INVALID_TRANSITION');
    expect((await t.request('POST', `/api/v1/referrals/${r.id}/accept`, as(s.caseworker))).status).toBe(403);
  });

  it('exhausted retries (503 every time) mark the referral delivery_failed, visible in the outbox', async () => {
    partner.setMode({ failWith: 503 });
    const failedBefore = partner.stats.failed;
    const r = (await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: body() })).body;
    const failed = await eventually(
      () => get(r.id),
      (x) => x.status === 'delivery_failed',
    );
    expect(failed.statusReason).toBe('http_503');
    expect(partner.stats.failed - failedBefore).toBe(3);
    const outbox = await t.request(
      'GET',
      '/api/v1/referrals/outbox?status=delivery_failed',
      as(s.caseworker),
    );
    expect(outbox.body.items.map((i: any) => i.id)).toEqual([r.id]);
    // The partner may have received it without answering: a failed share, once.
    expect(await shares(r.id)).toEqual([
      expect.objectContaining({
        fields: ['case_summary', 'contact', 'identification'],
        purpose: 'family_reunification',
        outcome: 'failed',
      }),
    ]);
    partner.setMode({});
    await t.request('POST', `/api/v1/referrals/${r.id}/cancel`, {
      ...as(s.caseworker),
      body: { reason: 'Se refirió por otra vía' },
    });
    expect((await get(r.id)).status).toBe('cancelled');
  });

  it('sends the external recipient a signed withdrawal notice when consent is withdrawn', async () => {
    const r = (await t.request('POST', '/api/v1/referrals', { ...as(s.caseworker), body: body() })).body;
    await eventually(
      () => get(r.id),
      (x) => x.status === 'delivered',
    );
    await t.dataSource.transaction(async (m) => {
      await m.update(Consent, consent.id, { withdrawnAt: new Date() });
      await t.app
        .get(DomainEvents)
        .publish(m, 'consent.withdrawn', { caseId: s.caseFile.id, consentId: consent.id });
    });
    const notices = await eventually(
      async () => [...partner.processed.entries()].filter(([k]) => k.startsWith('withdrawal-')),
      (n) => n.length === 3,
    );
    // The completed referral too: the partner still holds what it received.
    expect(notices.map(([k]) => k).sort()).toEqual([id, retried, r.id].map((x) => `withdrawal-${x}`).sort());
    expect(notices[0][1].body).toMatchObject({
      type: 'consent_withdrawn',
      instruction: 'stop_processing_and_delete_snapshot',
    });
    await eventually(
      () => t.dataSource.query(`SELECT 1 FROM referral_delivery WHERE kind = 'withdrawal'`),
      (rows) => rows.length === 3,
    );
    expect((await get(r.id)).accessRevoked).toBe(true);
    // Each notice is a share too: no case data, the notice's type as purpose.
    for (const x of [id, retried, r.id])
      expect((await shares(x)).at(-1)).toEqual({
        actor_user_id: null,
        actor_country_code: 'GT',
        subject_type: 'Referral',
        case_id: s.caseFile.id,
        fields: [],
        purpose: 'consent_withdrawn',
        outcome: 'allowed',
      });
  });
});
