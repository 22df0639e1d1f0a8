import { makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { signedHeaders } from './partner-server';
import { referralScenario } from './referral-scenario';

const SECRET = 'hn-partner-shared-secret-0123456789abcdef';
const SECRET_REF = 'EXTERNAL_AGENCY_SECRET_TEST_REPLAY';

/** Every verified signature is spent for the replay window, whatever the answer to it was. */
describe('signed status updates refused once cannot be replayed later', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { [SECRET_REF]: SECRET } });
    s = await referralScenario(t, {
      recipient: {
        type: 'health',
        services: [],
        onEnlace: false,
        deliveryEndpoint: 'http://127.0.0.1:9/never-called',
        signingSecretRef: SECRET_REF,
      },
    });
    const res = await t.request('POST', '/api/v1/referrals', {
      token: t.tokenFor(s.caseworker),
      body: s.body({ dispatch: true }),
    });
    expect(res.body.status).toBe('dispatched');
    id = res.body.id;
  });
  afterAll(() => t.close());

  const signed = (payload: Record<string, unknown>) => {
    const raw = JSON.stringify(payload);
    return { body: raw, headers: signedHeaders(SECRET, s.recipient.id, raw) };
  };
  const send = (req: { body: string; headers: Record<string, string> }) =>
    t.request('POST', '/api/v1/referrals/inbound/status', req);
  const status = async () =>
    (await t.dataSource.query('SELECT status FROM referral WHERE id = $1', [id]))[0].status;

  it('a completion refused with 409 (not accepted yet) stays refused after the referral is accepted', async () => {
    const complete = signed({ referralId: id, status: 'completed', outcome: 'Atendida en consulta externa' });
    const early = await send(complete);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    expect((await send(signed({ referralId: id, status: 'accepted' }))).status).toBe(200);
    const replay = await send(complete);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('INBOUND_REPLAYED');
    expect(await status()).toBe('accepted');
  });

  it('a signed update refused as invalid (400) or for an unknown referral (404) is spent as well', async () => {
    const invalid = signed({ referralId: id, status: 'completed' });
    expect((await send(invalid)).status).toBe(400);
    expect((await send(invalid)).body.code).toBe('INBOUND_REPLAYED');
    const other = await makeAgency(t.dataSource);
    const unknown = signed({ referralId: other.id, status: 'accepted' });
    expect((await send(unknown)).status).toBe(404);
    expect((await send(unknown)).body.code).toBe('INBOUND_REPLAYED');
    const kept = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM referral_inbound_signature WHERE agency_id = $1',
      [s.recipient.id],
    );
    expect(kept[0].n).toBe(4);
  });
});
