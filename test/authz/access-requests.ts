import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/role';
import { METRIC_NAMES } from '../../src/monitoring/metric-registry';
import { MonitoringExportProcessor } from '../../src/monitoring/monitoring-export.processor';
import { registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { TEST_PASSWORD } from '../factories/users.factory';
import { AccessFixture, days, PURPOSE } from './access-fixture';
import type { ActorName } from './access-matrix';

/**
 * How the matrix test calls each operation: the URL (path parameters filled from the fixture)
 * and a valid body. Read routes target C and its records (a focal point: its own referral;
 * anyone else: the active one). Write routes get a fresh record per entitled actor and one
 * shared by the refused ones (see AccessFixture's builders), so C is never changed.
 * An operation missing here is called with C's id for `{id}`/`{caseId}` and no body.
 */
export interface Call {
  url: string;
  body?: unknown;
}
export type Build = (fx: AccessFixture, actor: ActorName) => Call | Call[] | Promise<Call | Call[]>;

const V1 = '/api/v1';
const MX = (a: ActorName) => a.endsWith('OtherCountry');
const isFocal = (a: ActorName) => a.startsWith('focal');
/** The referral the actor is a party to: its own for a focal point, the active one otherwise. */
const referralOf = (fx: AccessFixture, a: ActorName) =>
  fx.referralIds[isFocal(a) ? (a as keyof AccessFixture['referralIds']) : 'focalDuring'];
/** A reception centre of the actor's country: A for Guatemala, M for Mexico. */
const centreOf = (fx: AccessFixture, a: ActorName) => (MX(a) ? fx.agencies.M : fx.agencies.A);
const unique = () => randomUUID().slice(0, 8);

async function caseVersion(fx: AccessFixture, caseId: string): Promise<number> {
  return (await fx.as('supervisor', 'GET', `${V1}/cases/${caseId}`)).version;
}

/** Every national metric, as JSON and as CSV. */
const metricUrls = (prefix: string) =>
  [...METRIC_NAMES.map((m) => `${prefix}/${m}`), ...METRIC_NAMES.map((m) => `${prefix}/${m}.csv`)].map(
    (url) => ({ url }),
  );
const ITEM_METRICS = ['open-cases', 'overdue-follow-ups', 'referrals', 'closures'];

let leadUnitExport: Promise<string> | undefined;
/** An export of open-case items requested by the lead unit and built in-process (no worker). */
function exportOfLeadUnit(fx: AccessFixture): Promise<string> {
  leadUnitExport ??= (async () => {
    const e = await fx.as('leadUnit', 'POST', `${V1}/monitoring/exports`, {
      metric: 'open-cases',
      items: true,
    });
    await fx.t.app.get(MonitoringExportProcessor).build({ exportId: e.id });
    return e.id as string;
  })();
  return leadUnitExport;
}

/** A new lead-unit officer's account (a role that needs no second person). */
const newUserBody = (agencyId: string) => ({
  agencyId,
  role: Role.LeadUnitOfficer,
  email: `nuevo.${unique()}@example.org`,
  fullName: 'Oficial Nuevo',
});

/** A caseworker account at A requested by a second GT administrator: pending a second person. */
async function pendingGrant(fx: AccessFixture): Promise<string> {
  const requester = await makeActor(fx.t.dataSource, Role.Administrator, fx.agencies.L);
  const res = await fx.t.request('POST', `${V1}/admin/users`, {
    token: fx.t.tokenFor(requester),
    body: { ...newUserBody(fx.agencies.A.id), role: Role.Caseworker },
  });
  if (res.status !== 201) throw new Error(`grant request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.grant.id;
}

export const REQUESTS: Record<string, Build> = {
  'GET /health/live': () => ({ url: '/health/live' }),
  'GET /health/ready': () => ({ url: '/health/ready' }),
  'POST /api/v1/system/ping': () => ({ url: `${V1}/system/ping`, body: {} }),
  'GET /api/v1/system/jobs/{queue}/{id}': async (fx) => {
    const job = await fx.as('administrator', 'POST', `${V1}/system/ping`, {});
    return { url: `${V1}/system/jobs/${job.queue}/${encodeURIComponent(job.jobId)}` };
  },
  'POST /api/v1/operations/queue-dashboard/session': () => ({
    url: `${V1}/operations/queue-dashboard/session`,
  }),

  'GET /api/v1/audit/entries': (fx) => ({ url: `${V1}/audit/entries?caseId=${fx.caseId}&limit=100` }),
  'GET /api/v1/audit/verify': () => ({ url: `${V1}/audit/verify` }),

  'GET /api/v1/directory/countries': () => ({ url: `${V1}/directory/countries` }),
  'GET /api/v1/directory/service-types': () => ({ url: `${V1}/directory/service-types` }),
  'GET /api/v1/directory/agency-types': () => ({ url: `${V1}/directory/agency-types` }),
  'GET /api/v1/vocabularies/{name}': () => ({ url: `${V1}/vocabularies/data-categories` }),
  'GET /api/v1/directory/agencies': () => ({ url: `${V1}/directory/agencies?country=GT&limit=100` }),
  'GET /api/v1/directory/agencies/{id}': (fx) => ({ url: `${V1}/directory/agencies/${fx.agencies.B.id}` }),
  'GET /api/v1/admin/agencies': () => ({ url: `${V1}/admin/agencies?limit=100` }),
  'POST /api/v1/admin/agencies': (_fx, a) => ({
    url: `${V1}/admin/agencies`,
    body: { countryCode: MX(a) ? 'MX' : 'GT', name: `Agencia ${unique()}`, type: 'ngo' },
  }),
  'GET /api/v1/admin/agencies/{id}': (fx) => ({ url: `${V1}/admin/agencies/${fx.agencies.A.id}` }),
  'PATCH /api/v1/admin/agencies/{id}': async (fx) => {
    const agency = await makeAgency(fx.t.dataSource);
    return {
      url: `${V1}/admin/agencies/${agency.id}`,
      body: { version: agency.version, city: 'Quetzaltenango' },
    };
  },
  'POST /api/v1/admin/agencies/{id}/deactivate': async (fx) => ({
    url: `${V1}/admin/agencies/${(await makeAgency(fx.t.dataSource)).id}/deactivate`,
    body: {},
  }),
  'POST /api/v1/admin/agencies/{id}/activate': async (fx) => ({
    url: `${V1}/admin/agencies/${(await makeAgency(fx.t.dataSource, { active: false })).id}/activate`,
    body: {},
  }),
  'GET /api/v1/admin/users': () => ({ url: `${V1}/admin/users?limit=100` }),
  'POST /api/v1/admin/users': (fx, a) => ({
    url: `${V1}/admin/users`,
    body: newUserBody((MX(a) ? fx.agencies.ML : fx.agencies.L).id),
  }),
  'GET /api/v1/admin/users/{id}': (fx) => ({
    url: `${V1}/admin/users/${fx.actors.caseworkerUnassigned.userId}`,
  }),
  'PATCH /api/v1/admin/users/{id}': async (fx) => {
    const u = await makeActor(fx.t.dataSource, Role.LeadUnitOfficer, fx.agencies.L);
    return {
      url: `${V1}/admin/users/${u.userId}`,
      body: { version: u.user.version, fullName: 'Nombre Cambiado' },
    };
  },
  'POST /api/v1/admin/users/{id}/deactivate': async (fx) => ({
    url: `${V1}/admin/users/${(await makeActor(fx.t.dataSource, Role.LeadUnitOfficer, fx.agencies.L)).userId}/deactivate`,
    body: {},
  }),
  'POST /api/v1/admin/users/{id}/activate': async (fx) => {
    const u = await makeActor(fx.t.dataSource, Role.LeadUnitOfficer, fx.agencies.L);
    await fx.t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [u.userId]);
    return { url: `${V1}/admin/users/${u.userId}/activate`, body: {} };
  },
  'POST /api/v1/admin/users/{id}/activation-reset': async (fx) => ({
    url: `${V1}/admin/users/${(await makeActor(fx.t.dataSource, Role.LeadUnitOfficer, fx.agencies.L)).userId}/activation-reset`,
  }),
  'GET /api/v1/user-grants': () => ({ url: `${V1}/user-grants` }),
  'POST /api/v1/user-grants/{id}/approve': async (fx) => ({
    url: `${V1}/user-grants/${await pendingGrant(fx)}/approve`,
  }),
  'POST /api/v1/user-grants/{id}/reject': async (fx) => ({
    url: `${V1}/user-grants/${await pendingGrant(fx)}/reject`,
    body: { reason: 'No corresponde' },
  }),

  'POST /api/v1/auth/login': (fx) => ({
    url: `${V1}/auth/login`,
    body: { email: fx.emailOf('leadUnitOtherCountry'), password: TEST_PASSWORD },
  }),
  'POST /api/v1/auth/activate': async (fx) => {
    const created = await fx.as('administrator', 'POST', `${V1}/admin/users`, newUserBody(fx.agencies.L.id));
    return { url: `${V1}/auth/activate`, body: { token: created.activation.token, password: TEST_PASSWORD } };
  },
  'POST /api/v1/auth/refresh': async (fx) => {
    const pair = await fx.login('leadUnitOtherCountry');
    return { url: `${V1}/auth/refresh`, body: { refreshToken: pair.refreshToken } };
  },
  'POST /api/v1/auth/logout': async (fx, a) => {
    const pair = await fx.login(a === 'anonymous' ? 'leadUnitOtherCountry' : a);
    return { url: `${V1}/auth/logout`, body: { refreshToken: pair.refreshToken } };
  },
  'GET /api/v1/auth/me': () => ({ url: `${V1}/auth/me` }),
  'POST /api/v1/auth/password': () => ({
    url: `${V1}/auth/password`,
    body: { currentPassword: TEST_PASSWORD, newPassword: 'Otra-Clave-Segura-2026' },
  }),

  'POST /api/v1/cases': (fx, a) => ({
    url: `${V1}/cases`,
    body: registrationBody(
      centreOf(fx, a).id,
      {},
      { firstNames: `Nuevo${unique()}`, lastNames: `Registro${unique()}`, nationality: MX(a) ? 'MX' : 'GT' },
    ),
  }),
  'GET /api/v1/cases': () => ({ url: `${V1}/cases?limit=100` }),
  'PATCH /api/v1/cases/{id}': async (fx) => {
    const c = await fx.freshCase();
    return { url: `${V1}/cases/${c.id}`, body: { version: c.version, immediateNeeds: ['food'] } };
  },
  'POST /api/v1/cases/{id}/assign': async (fx) => {
    const c = await fx.freshCase();
    return {
      url: `${V1}/cases/${c.id}/assign`,
      body: { version: c.version, assignedUserId: fx.actors.caseworkerUnassigned.userId },
    };
  },
  'POST /api/v1/cases/{id}/phase': async (fx) => {
    const c = await fx.freshCase();
    const to = c.phase === 'registration' ? 'assessment' : 'case_plan';
    return { url: `${V1}/cases/${c.id}/phase`, body: { version: c.version, to, reason: 'Avance del caso' } };
  },
  'POST /api/v1/cases/{id}/closure': async (fx) => {
    const c = await fx.freshCase();
    return { url: `${V1}/cases/${c.id}/closure`, body: { version: c.version, reason: 'goals_met' } };
  },
  'POST /api/v1/cases/{id}/closure/decision': async (fx) => {
    const c = await fx.freshCase();
    await fx.as('caseworkerAssigned', 'POST', `${V1}/cases/${c.id}/closure`, {
      version: c.version,
      reason: 'goals_met',
    });
    return {
      url: `${V1}/cases/${c.id}/closure/decision`,
      body: { version: await caseVersion(fx, c.id), decision: 'approve' },
    };
  },
  'POST /api/v1/cases/{id}/reopen': async (fx) => {
    const c = await fx.freshCase();
    await fx.as('caseworkerAssigned', 'POST', `${V1}/cases/${c.id}/closure`, {
      version: c.version,
      reason: 'goals_met',
    });
    await fx.as('supervisor', 'POST', `${V1}/cases/${c.id}/closure/decision`, {
      version: await caseVersion(fx, c.id),
      decision: 'approve',
    });
    return {
      url: `${V1}/cases/${c.id}/reopen`,
      body: { version: await caseVersion(fx, c.id), reason: 'Retornó de nuevo' },
    };
  },
  'POST /api/v1/cases/{id}/age-extension': async (fx) => {
    // Turns 18 in two months: support may be extended past that, up to the policy's maximum.
    const dob = new Date(Date.now() - 18 * 365.25 * 86_400_000 + 60 * 86_400_000).toISOString().slice(0, 10);
    const c = await fx.freshCase({}, { dateOfBirth: dob });
    const until = `${Number(dob.slice(0, 4)) + 19}${dob.slice(4)}`;
    return {
      url: `${V1}/cases/${c.id}/age-extension`,
      body: { version: c.version, reason: 'Continúa en el programa escolar', until },
    };
  },
  'GET /api/v1/children/matches': (fx) => ({
    url:
      `${V1}/children/matches?firstNames=${encodeURIComponent(fx.childFirstNames)}` +
      `&lastNames=${encodeURIComponent(fx.childLastNames)}&dateOfBirth=${fx.dateOfBirth}&nationality=GT`,
  }),
  'POST /api/v1/cases/{id}/consents': async (fx) => {
    const c = await fx.freshCase();
    return {
      url: `${V1}/cases/${c.id}/consents`,
      body: {
        givenBy: 'parent',
        purposes: [PURPOSE],
        anyRecipientInCountry: true,
        dataCategories: ['case_summary'],
        givenAt: days(-1),
      },
    };
  },
  'POST /api/v1/cases/{id}/consents/{consentId}/withdraw': async (fx) => {
    const c = await fx.freshCase();
    const consent = await fx.freshConsent(c.id);
    return { url: `${V1}/cases/${c.id}/consents/${consent.id}/withdraw`, body: { reason: 'Retira' } };
  },
  'POST /api/v1/cases/{id}/assessments': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/assessments`,
    body: fx.assessmentBody(),
  }),
  'PATCH /api/v1/cases/{id}/assessments/{recordId}': async (fx) => {
    const { caseId, record } = await fx.freshAssessment(false);
    const { type: _type, conductedAt: _at, ...content } = fx.assessmentBody();
    return {
      url: `${V1}/cases/${caseId}/assessments/${record.id}`,
      body: { ...content, version: record.version },
    };
  },
  'POST /api/v1/cases/{id}/assessments/{recordId}/submit': async (fx) => {
    const { caseId, record } = await fx.freshAssessment(false);
    return {
      url: `${V1}/cases/${caseId}/assessments/${record.id}/submit`,
      body: { version: record.version },
    };
  },
  'POST /api/v1/cases/{id}/assessments/{recordId}/review': async (fx) => {
    const { caseId, record } = await fx.freshAssessment(true);
    return {
      url: `${V1}/cases/${caseId}/assessments/${record.id}/review`,
      body: { version: record.version, decision: 'approve' },
    };
  },
  'POST /api/v1/cases/{id}/plans': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/plans`,
    body: fx.planBody(),
  }),
  'PATCH /api/v1/cases/{id}/plans/{recordId}': async (fx) => {
    const { caseId, record } = await fx.freshPlan(false);
    return {
      url: `${V1}/cases/${caseId}/plans/${record.id}`,
      body: { ...fx.planBody(), version: record.version },
    };
  },
  'POST /api/v1/cases/{id}/plans/{recordId}/submit': async (fx) => {
    const { caseId, record } = await fx.freshPlan(false);
    return { url: `${V1}/cases/${caseId}/plans/${record.id}/submit`, body: { version: record.version } };
  },
  'POST /api/v1/cases/{id}/plans/{recordId}/review': async (fx) => {
    const { caseId, record } = await fx.freshPlan(true);
    return {
      url: `${V1}/cases/${caseId}/plans/${record.id}/review`,
      body: { version: record.version, decision: 'approve' },
    };
  },
  'POST /api/v1/cases/{id}/interviews': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/interviews`,
    body: { conductedAt: days(-1), purpose: 'Entrevista inicial', topics: ['family'] },
  }),
  'POST /api/v1/cases/{id}/bids': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/bids`,
    body: {
      trigger: 'durable_solution',
      panel: [
        { userId: fx.actors.caseworkerAssigned.userId, panelRole: 'member' },
        { userId: fx.actors.supervisor.userId, panelRole: 'chair' },
      ],
    },
  }),
  'POST /api/v1/cases/{id}/bids/{bidId}/undertaking': async (fx) => {
    const { caseId, bid } = await fx.freshBid();
    return { url: `${V1}/cases/${caseId}/bids/${bid.id}/undertaking`, body: { accept: true } };
  },
  'GET /api/v1/cases/{id}/bids/{bidId}': (fx) => ({ url: `${V1}/cases/${fx.caseId}/bids/${fx.bidId}` }),
  'POST /api/v1/cases/{id}/bids/{bidId}/decision': async (fx) => {
    const { caseId, bid } = await fx.freshBid(['caseworkerAssigned', 'supervisor']);
    return { url: `${V1}/cases/${caseId}/bids/${bid.id}/decision`, body: fx.bidDecision(bid.version) };
  },
  'POST /api/v1/cases/{id}/bids/{bidId}/review': async (fx) => {
    const { caseId, bid } = await fx.freshBid(['supervisor', 'caseworkerAssigned'], true);
    return {
      url: `${V1}/cases/${caseId}/bids/${bid.id}/review`,
      body: { version: bid.version, outcome: 'confirm', reason: 'Conforme' },
    };
  },

  'POST /api/v1/agreements': (fx, a) => ({
    url: `${V1}/agreements`,
    body: {
      reference: `CONV-${unique()}`,
      title: 'Convenio de prueba',
      partyAgencyIds: MX(a) ? [fx.agencies.M.id, fx.agencies.ML.id] : [fx.agencies.A.id, fx.agencies.B.id],
      purposes: [PURPOSE],
      dataCategories: ['case_summary'],
      validFrom: days(-1),
    },
  }),
  'POST /api/v1/agreements/{id}/approve': async (fx, a) => {
    // Created by the other country, so the caller's country has yet to approve.
    const creator: ActorName = MX(a) ? 'administrator' : 'administratorOtherCountry';
    const ag = await fx.as(creator, 'POST', `${V1}/agreements`, {
      reference: `CONV-${unique()}`,
      title: 'Convenio binacional de prueba',
      partyAgencyIds: [fx.agencies.A.id, fx.agencies.M.id],
      purposes: [PURPOSE],
      dataCategories: ['case_summary'],
      validFrom: days(-1),
      status: 'active',
    });
    return { url: `${V1}/agreements/${ag.id}/approve`, body: { version: ag.version } };
  },
  'GET /api/v1/agreements': () => ({ url: `${V1}/agreements?limit=100` }),
  'GET /api/v1/agreements/{id}': (fx) => ({ url: `${V1}/agreements/${fx.agreementId}` }),
  'PATCH /api/v1/agreements/{id}': async (fx) => {
    const ag = await makeAgreement(fx.t.dataSource, [fx.agencies.A, fx.agencies.B], { purposes: [PURPOSE] });
    return {
      url: `${V1}/agreements/${ag.id}`,
      body: { version: ag.version, dataCategories: ['case_summary'] },
    };
  },

  'POST /api/v1/referrals/inbound/status': (fx) => ({
    url: `${V1}/referrals/inbound/status`,
    body: { referralId: fx.referralIds.focalDuring, status: 'completed', outcome: 'Atendido' },
  }),
  // Refused callers try C itself with a consent id read from the outbox (issue 9, item 1).
  'POST /api/v1/referrals': async (fx, a) => {
    if (a !== 'caseworkerAssigned' && a !== 'supervisor')
      return { url: `${V1}/referrals`, body: fx.referralBody(fx.caseId, fx.consentIds.focalDuring) };
    const c = await fx.freshCase();
    const consent = await fx.freshConsent(c.id);
    return { url: `${V1}/referrals`, body: fx.referralBody(c.id, consent.id) };
  },
  'GET /api/v1/referrals/inbox': () => ({ url: `${V1}/referrals/inbox?limit=100` }),
  'GET /api/v1/referrals/outbox': (fx) => ({ url: `${V1}/referrals/outbox?caseId=${fx.caseId}&limit=100` }),
  'GET /api/v1/referrals/{id}': (fx, a) => ({ url: `${V1}/referrals/${referralOf(fx, a)}` }),
  'GET /api/v1/referrals/{id}/snapshot': (fx, a) => ({
    url: `${V1}/referrals/${referralOf(fx, a)}/snapshot`,
  }),
  'POST /api/v1/referrals/{id}/dispatch': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('draft')).id}/dispatch`,
  }),
  'POST /api/v1/referrals/{id}/amend': async (fx) => {
    const r = await fx.freshReferral('dispatched');
    return { url: `${V1}/referrals/${r.id}/amend`, body: { version: r.version, reason: 'Motivo ampliado' } };
  },
  'POST /api/v1/referrals/{id}/cancel': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('dispatched')).id}/cancel`,
    body: { reason: 'Ya no es necesario' },
  }),
  'POST /api/v1/referrals/{id}/retry-delivery': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('delivery_failed')).id}/retry-delivery`,
  }),
  'POST /api/v1/referrals/{id}/accept': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('dispatched')).id}/accept`,
  }),
  'POST /api/v1/referrals/{id}/reject': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('dispatched')).id}/reject`,
    body: { reason: 'Sin cupo' },
  }),
  'POST /api/v1/referrals/{id}/start': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('accepted')).id}/start`,
  }),
  'POST /api/v1/referrals/{id}/complete': async (fx) => ({
    url: `${V1}/referrals/${(await fx.freshReferral('accepted')).id}/complete`,
    body: { outcome: 'Servicio prestado' },
  }),

  'GET /api/v1/notifications': () => ({ url: `${V1}/notifications?limit=100` }),
  'GET /api/v1/notifications/unread-count': () => ({ url: `${V1}/notifications/unread-count` }),
  'POST /api/v1/notifications/read-all': () => ({ url: `${V1}/notifications/read-all` }),
  'POST /api/v1/notifications/{id}/read': async (fx) => {
    const [n] = await fx.t.dataSource.query(
      `INSERT INTO notification (user_id, type, case_id, case_number, created_at)
       VALUES ($1, 'follow_up.overdue', $2, $3, now()) RETURNING id`,
      [fx.actors.caseworkerAssigned.userId, fx.caseId, fx.caseNumber],
    );
    return { url: `${V1}/notifications/${n.id}/read` };
  },

  'POST /api/v1/cases/{caseId}/follow-ups': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/follow-ups`,
    body: { type: 'school', dueAt: days(3) },
  }),
  'GET /api/v1/follow-ups/mine': () => ({ url: `${V1}/follow-ups/mine?limit=100` }),
  'POST /api/v1/follow-ups/{id}/complete': async (fx) => {
    const f = await fx.freshFollowUp();
    return { url: `${V1}/follow-ups/${f.id}/complete`, body: { version: f.version, contactMade: true } };
  },
  'POST /api/v1/follow-ups/{id}/missed': async (fx) => {
    const f = await fx.freshFollowUp();
    return { url: `${V1}/follow-ups/${f.id}/missed`, body: { version: f.version } };
  },
  'POST /api/v1/follow-ups/{id}/cancel': async (fx) => {
    const f = await fx.freshFollowUp();
    return { url: `${V1}/follow-ups/${f.id}/cancel`, body: { version: f.version } };
  },
  'POST /api/v1/cases/{caseId}/indicators': async (fx) => ({
    url: `${V1}/cases/${(await fx.freshCase()).id}/indicators`,
    body: { measuredAt: days(-1), answers: { feels_safe: '2' } },
  }),

  'POST /api/v1/monitoring/exports': (_fx, a) => ({
    url: `${V1}/monitoring/exports`,
    body:
      a === 'regionalAnalyst'
        ? { metric: 'overview', view: 'regional' }
        : { metric: 'open-cases', items: true },
  }),
  'GET /api/v1/monitoring/exports/{id}': async (fx) => ({
    url: `${V1}/monitoring/exports/${await exportOfLeadUnit(fx)}`,
  }),
  'GET /api/v1/monitoring/exports/{id}/download': async (fx) => ({
    url: `${V1}/monitoring/exports/${await exportOfLeadUnit(fx)}/download`,
  }),
  'GET /api/v1/monitoring/regional/overview': () => ({ url: `${V1}/monitoring/regional/overview` }),
  'GET /api/v1/monitoring/regional/{metric}': () => metricUrls(`${V1}/monitoring/regional`),
  'GET /api/v1/monitoring/overview': () => ({ url: `${V1}/monitoring/overview` }),
  'GET /api/v1/monitoring/{metric}': () => metricUrls(`${V1}/monitoring`),
  'GET /api/v1/monitoring/{metric}/items': () =>
    ITEM_METRICS.map((m) => ({ url: `${V1}/monitoring/${m}/items?limit=100` })),
  'GET /api/v1/monitoring/{metric}/items.csv': () =>
    ITEM_METRICS.map((m) => ({ url: `${V1}/monitoring/${m}/items.csv` })),
};

/** The request for an operation without an entry above: C's id in its path, no body. */
export function defaultBuild(op: string): Build {
  return (fx) => {
    const path = op.split(' ')[1].replace(/\{(id|caseId)\}/g, fx.caseId);
    if (/\{\w+\}/.test(path))
      throw new Error(`add a request for "${op}" to test/authz/access-requests.ts (path parameters)`);
    return { url: path };
  };
}
