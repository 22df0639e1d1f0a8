import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import type { FieldClass } from '../../src/authz/field-access';
import type { Agency } from '../../src/directory/agency.entity';
import type { AppUser } from '../../src/directory/app-user.entity';
import { hashPassword } from '../../src/identity/password-hasher';
import { registerCase } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { TEST_PASSWORD } from '../factories/users.factory';
import type { TestApp } from '../harness/test-app';
import type { ActorName } from './access-matrix';

/**
 * The world the access matrix is walked in (see access-matrix.ts): one child's case C at a
 * Guatemalan reception centre A, filled through the API with planted values (unique random
 * tokens, each with its field class) in every free-text and identifying field; its referrals in
 * each state to one receiving agency per focal point; and an actor for every relationship.
 * Write routes get fresh records from the builders at the end, so C stays as it is.
 */

/** A planted value: a string that must reach only actors entitled to its field class. */
export interface Planted {
  token: string;
  cls: FieldClass;
  where: string;
}

export const SERVICE = 'special_protection_measures';
export const PURPOSE = 'protection';
/** What the referrals' consents name: identifying and operational categories, nothing sensitive. */
export const CONSENTED = ['identification', 'contact', 'documents', 'case_summary', 'case_plan'];
const FOCAL_STATES = [
  'focalBefore',
  'focalDuring',
  'focalAfterCancelled',
  'focalAfterCompleted',
  'focalAfterWithdrawn',
  'focalAfterExpired',
] as const;
type FocalName = (typeof FOCAL_STATES)[number];

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const randomToken = () => randomBytes(6).toString('hex');
/** A client address of its own for one request (10.x.y.z). */
export const randomAddress = () => `10.${[...randomBytes(3)].join('.')}`;

export class AccessFixture {
  readonly planted: Planted[] = [];
  readonly actors = {} as Record<Exclude<ActorName, 'anonymous'>, Actor & { user: AppUser }>;
  agencies!: { A: Agency; B: Agency; L: Agency; M: Agency; ML: Agency } & Record<FocalName, Agency>;
  caseId!: string;
  caseNumber!: string;
  childFirstNames!: string;
  childLastNames!: string;
  readonly dateOfBirth = '2009-07-23';
  consentIds = {} as Record<FocalName, string>;
  referralIds = {} as Record<FocalName, string>;
  agreementId!: string;
  bidId!: string;

  /**
   * At most this many requests in flight, below the test pool's DB_POOL_SIZE (5): a refused
   * request writes its denial on a second connection while its transaction holds the first, so
   * as many concurrent refusals as the pool has connections starve it and hang the API.
   */
  readonly limit = limiter(4);

  constructor(readonly t: TestApp) {}

  /** A unique value of the class, remembered for the leak check. */
  plant(cls: FieldClass, where: string): string {
    const token = `Zq${cls[0].toUpperCase()}${randomToken()}`;
    this.planted.push({ token, cls, where });
    return token;
  }

  tokenOf(name: ActorName): string | undefined {
    return name === 'anonymous' ? undefined : this.t.tokenFor(this.actors[name]);
  }

  /** An API call as one actor; fails loudly when a set-up step does not succeed. */
  async as(name: ActorName, method: string, url: string, body?: unknown): Promise<any> {
    const res = await this.limit(() => this.t.request(method, url, { token: this.tokenOf(name), body }));
    if (res.status >= 300)
      throw new Error(`${name} ${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  emailOf(name: Exclude<ActorName, 'anonymous'>): string {
    return this.actors[name].user.email;
  }

  /** Signs in as the actor (from an address of its own, so per-address limits stay out of the way). */
  async login(name: Exclude<ActorName, 'anonymous'>): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.limit(() =>
      this.t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: this.emailOf(name), password: TEST_PASSWORD },
        remoteAddress: randomAddress(),
      }),
    );
    if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  async build(): Promise<this> {
    await this.makeWorld();
    await this.makeCase();
    await this.makeRecords();
    await this.makeReferrals();
    return this;
  }

  private async makeWorld(): Promise<void> {
    const ds = this.t.dataSource;
    const agency = (over: Partial<Agency>) => makeAgency(ds, over);
    const recipients = {} as Record<FocalName, Agency>;
    for (const f of FOCAL_STATES)
      recipients[f] = await agency({ type: 'child_protection_authority', services: [SERVICE] });
    this.agencies = {
      A: await agency({ type: 'reception_center' }),
      B: await agency({ type: 'child_protection_authority', services: [SERVICE] }),
      L: await agency({ type: 'national_lead_unit' }),
      M: await agency({ countryCode: 'MX', type: 'reception_center' }),
      ML: await agency({ countryCode: 'MX', type: 'national_lead_unit' }),
      ...recipients,
    };
    const { A, B, L, M, ML } = this.agencies;
    const who: [Exclude<ActorName, 'anonymous'>, Role, Agency][] = [
      ['caseworkerAssigned', Role.Caseworker, A],
      ['caseworkerUnassigned', Role.Caseworker, A],
      ['supervisor', Role.Supervisor, A],
      ['caseworkerOtherAgency', Role.Caseworker, B],
      ['supervisorOtherAgency', Role.Supervisor, B],
      ['caseworkerOtherCountry', Role.Caseworker, M],
      ['supervisorOtherCountry', Role.Supervisor, M],
      ...FOCAL_STATES.map((f): [FocalName, Role, Agency] => [f, Role.ReferralFocalPoint, recipients[f]]),
      ['leadUnit', Role.LeadUnitOfficer, L],
      ['leadUnitOtherCountry', Role.LeadUnitOfficer, ML],
      ['regionalAnalyst', Role.RegionalAnalyst, L],
      ['auditor', Role.Auditor, L],
      ['auditorOtherCountry', Role.Auditor, ML],
      ['administrator', Role.Administrator, L],
      ['administratorOtherCountry', Role.Administrator, ML],
    ];
    for (const [name, role, at] of who) this.actors[name] = await makeActor(ds, role, at);
    // Everyone can sign in with the shared test password (hashed once: argon2 is slow on purpose).
    await ds.query(`UPDATE app_user SET password_hash = $1`, [await hashPassword(TEST_PASSWORD)]);
    const agreement = await makeAgreement(ds, [A, B, ...Object.values(recipients)], {
      purposes: [PURPOSE],
      dataCategories: [
        ...CONSENTED,
        'health',
        'psychosocial',
        'protection_concerns',
        'assessments',
        'gender_identity',
      ],
    });
    this.agreementId = agreement.id;
  }

  private async makeCase(): Promise<void> {
    const p = (cls: FieldClass, where: string) => this.plant(cls, where);
    this.childFirstNames = p('identifying', 'child.firstNames');
    this.childLastNames = p('identifying', 'child.lastNames');
    this.planted.push({ token: this.dateOfBirth, cls: 'identifying', where: 'child.dateOfBirth' });
    const c = await registerCase(
      this.t,
      this.actors.caseworkerAssigned,
      this.agencies.A.id,
      {},
      {
        firstNames: this.childFirstNames,
        lastNames: this.childLastNames,
        dateOfBirth: this.dateOfBirth,
        genderIdentity: p('sensitive', 'child.genderIdentity'),
        disability: p('sensitive', 'child.disability'),
        ethnicIdentity: p('sensitive', 'child.ethnicIdentity'),
        documents: [{ type: 'passport', number: p('identifying', 'child.documents.number') }],
        familyContacts: [
          {
            name: p('identifying', 'child.familyContacts.name'),
            relationship: 'mother',
            phone: p('identifying', 'child.familyContacts.phone'),
            address: p('identifying', 'child.familyContacts.address'),
          },
        ],
      },
    );
    this.caseId = c.case.id;
    this.caseNumber = c.case.caseNumber;
    this.planted.push({ token: this.caseNumber, cls: 'operational', where: 'case.caseNumber' });
  }

  private async makeRecords(): Promise<void> {
    const base = `/api/v1/cases/${this.caseId}`;
    const cw = 'caseworkerAssigned';
    const p = (cls: FieldClass, where: string) => this.plant(cls, where);
    const a = await this.as(cw, 'POST', `${base}/assessments`, {
      type: 'comprehensive',
      conductedAt: iso(Date.now() - DAY),
      findings: [{ domain: 'psychosocial', finding: p('sensitive', 'assessment.finding'), concern: 'high' }],
      riskRating: 'high',
      summary: p('sensitive', 'assessment.summary'),
    });
    const submitted = await this.as(cw, 'POST', `${base}/assessments/${a.id}/submit`, { version: a.version });
    await this.as('supervisor', 'POST', `${base}/assessments/${a.id}/review`, {
      version: submitted.version,
      decision: 'approve',
    });
    const plan = await this.as(cw, 'POST', `${base}/plans`, {
      goals: [
        {
          dimension: 'economic_education',
          goal: p('operational', 'plan.goal.economic_education'),
          actions: [
            {
              description: 'Inscripción escolar',
              responsibleAgencyId: this.agencies.A.id,
              dueAt: iso(Date.now() + 30 * DAY),
            },
          ],
        },
        {
          dimension: 'psychosocial',
          goal: p('sensitive', 'plan.goal.psychosocial'),
          actions: [
            {
              description: p('sensitive', 'plan.action.psychosocial'),
              responsibleAgencyId: this.agencies.A.id,
              dueAt: iso(Date.now() + 30 * DAY),
            },
          ],
        },
      ],
    });
    const sent = await this.as(cw, 'POST', `${base}/plans/${plan.id}/submit`, { version: plan.version });
    await this.as('supervisor', 'POST', `${base}/plans/${plan.id}/review`, {
      version: sent.version,
      decision: 'approve',
    });
    await this.as(cw, 'POST', `${base}/interviews`, {
      conductedAt: iso(Date.now() - DAY),
      purpose: p('sensitive', 'interview.purpose'),
      topics: ['migration_journey'],
    });
    const bid = await this.as(cw, 'POST', `${base}/bids`, {
      trigger: 'durable_solution',
      panel: [
        { userId: this.actors.caseworkerAssigned.userId, panelRole: 'member' },
        { userId: this.actors.supervisor.userId, panelRole: 'chair' },
      ],
    });
    this.bidId = bid.id;
    await this.as(cw, 'POST', `${base}/bids/${bid.id}/undertaking`, { accept: true });
    await this.as('supervisor', 'POST', `${base}/bids/${bid.id}/undertaking`, { accept: true });
    await this.as('supervisor', 'POST', `${base}/bids/${bid.id}/decision`, {
      version: bid.version,
      decision: p('sensitive', 'bid.decision'),
      reasons: p('sensitive', 'bid.reasons'),
      genderDiversityPerspective: p('sensitive', 'bid.genderDiversityPerspective'),
    });
    const done = await this.as(cw, 'POST', `/api/v1/cases/${this.caseId}/follow-ups`, {
      type: 'home_visit',
      dueAt: iso(Date.now() + DAY),
    });
    await this.as(cw, 'POST', `/api/v1/follow-ups/${done.id}/complete`, {
      version: done.version,
      contactMade: true,
      outcomeNotes: p('sensitive', 'followUp.outcomeNotes'),
    });
    // A pending one too, for the caseworker's own list.
    await this.as(cw, 'POST', `/api/v1/cases/${this.caseId}/follow-ups`, {
      type: 'phone',
      dueAt: iso(Date.now() + 2 * DAY),
    });
    await this.as(cw, 'POST', `/api/v1/cases/${this.caseId}/indicators`, {
      measuredAt: iso(Date.now() - DAY),
      answers: { school_enrolled_attending: 'partly', feels_safe: '3' },
    });
  }

  /** One referral of C per focal point, each on its own consent, brought to the focal point's state. */
  private async makeReferrals(): Promise<void> {
    const cw = 'caseworkerAssigned';
    for (const f of FOCAL_STATES) {
      const consent = await this.as(cw, 'POST', `/api/v1/cases/${this.caseId}/consents`, {
        givenBy: 'guardian',
        childAssent: true,
        purposes: [PURPOSE],
        recipientAgencyIds: [this.agencies[f].id],
        dataCategories: CONSENTED,
        givenAt: iso(Date.now() - 2 * DAY),
      });
      this.consentIds[f] = consent.id;
      const r = await this.as(cw, 'POST', '/api/v1/referrals', {
        caseId: this.caseId,
        recipientAgencyId: this.agencies[f].id,
        serviceType: SERVICE,
        purpose: PURPOSE,
        urgency: 'priority',
        reason: this.plant('sensitive', `referral.reason.${f}`),
        consentId: consent.id,
        dispatch: f !== 'focalBefore',
      });
      this.referralIds[f] = r.id;
      if (f === 'focalBefore') continue;
      if (f === 'focalAfterCancelled') {
        await this.as(cw, 'POST', `/api/v1/referrals/${r.id}/cancel`, { reason: 'Ya no es necesario' });
        continue;
      }
      await this.as(f, 'POST', `/api/v1/referrals/${r.id}/accept`);
      if (f === 'focalAfterCompleted')
        await this.as(f, 'POST', `/api/v1/referrals/${r.id}/complete`, {
          outcome: this.plant('sensitive', 'referral.outcome'),
        });
      if (f === 'focalAfterWithdrawn')
        await this.as(cw, 'POST', `/api/v1/cases/${this.caseId}/consents/${consent.id}/withdraw`, {
          reason: 'La familia retira el consentimiento',
        });
      // Expiry is not an event: the consent simply lapses (checked when the snapshot is read).
      if (f === 'focalAfterExpired')
        await this.t.dataSource.query(
          `UPDATE consent SET expires_at = now() - interval '1 hour' WHERE id = $1`,
          [consent.id],
        );
    }
  }

  // ---- fresh records for write routes (never C's own, so C stays as built) ----

  /** A new case at A assigned to caseworkerAssigned, with its child's names unique. */
  async freshCase(over: Record<string, unknown> = {}, child: Record<string, unknown> = {}): Promise<any> {
    const registered = await registerCase(this.t, this.actors.caseworkerAssigned, this.agencies.A.id, over, {
      firstNames: `Nombre${randomToken()}`,
      lastNames: `Apellido${randomToken()}`,
      ...child,
    });
    return registered.case;
  }

  /** A fresh case's consent for referrals to the focal point's agency. */
  async freshConsent(caseId: string, to: FocalName = 'focalDuring'): Promise<any> {
    return this.as('caseworkerAssigned', 'POST', `/api/v1/cases/${caseId}/consents`, {
      givenBy: 'guardian',
      purposes: [PURPOSE],
      recipientAgencyIds: [this.agencies[to].id],
      dataCategories: CONSENTED,
      givenAt: iso(Date.now() - DAY),
    });
  }

  /** A valid referral body for the case (to focalDuring's agency unless said otherwise). */
  referralBody(caseId: string, consentId: string, dispatch = false, to: FocalName = 'focalDuring') {
    return {
      caseId,
      recipientAgencyId: this.agencies[to].id,
      serviceType: SERVICE,
      purpose: PURPOSE,
      urgency: 'routine',
      reason: 'Medidas de protección especial',
      consentId,
      dispatch,
    };
  }

  /** A fresh referral to focalDuring's agency: draft, dispatched, accepted or delivery_failed. */
  async freshReferral(state: 'draft' | 'dispatched' | 'accepted' | 'delivery_failed'): Promise<any> {
    const c = await this.freshCase();
    const consent = await this.freshConsent(c.id);
    const r = await this.as(
      'caseworkerAssigned',
      'POST',
      '/api/v1/referrals',
      this.referralBody(c.id, consent.id, state !== 'draft'),
    );
    if (state === 'accepted') return this.as('focalDuring', 'POST', `/api/v1/referrals/${r.id}/accept`);
    if (state === 'delivery_failed') {
      await this.t.dataSource.query(
        `UPDATE referral SET status = 'delivery_failed', version = version + 1 WHERE id = $1`,
        [r.id],
      );
      return { ...r, status: 'delivery_failed', version: r.version + 1 };
    }
    return r;
  }

  /** A fresh case with a record of the kind in the given state, created by caseworkerAssigned. */
  async freshAssessment(submitted: boolean): Promise<{ caseId: string; record: any }> {
    const c = await this.freshCase();
    const base = `/api/v1/cases/${c.id}/assessments`;
    let record = await this.as('caseworkerAssigned', 'POST', base, this.assessmentBody());
    if (submitted)
      record = await this.as('caseworkerAssigned', 'POST', `${base}/${record.id}/submit`, {
        version: record.version,
      });
    return { caseId: c.id, record };
  }

  assessmentBody() {
    return {
      type: 'initial',
      conductedAt: iso(Date.now() - DAY),
      findings: [{ domain: 'safety', finding: 'Sin riesgo inmediato' }],
      riskRating: 'medium',
    };
  }

  async freshPlan(submitted: boolean): Promise<{ caseId: string; record: any }> {
    const c = await this.freshCase();
    const base = `/api/v1/cases/${c.id}/plans`;
    let record = await this.as('caseworkerAssigned', 'POST', base, this.planBody());
    if (submitted)
      record = await this.as('caseworkerAssigned', 'POST', `${base}/${record.id}/submit`, {
        version: record.version,
      });
    return { caseId: c.id, record };
  }

  planBody() {
    return {
      goals: [
        {
          dimension: 'social',
          goal: 'Documentos de identidad',
          actions: [
            {
              description: 'Cita en el registro civil',
              responsibleAgencyId: this.agencies.A.id,
              dueAt: iso(Date.now() + 20 * DAY),
            },
          ],
        },
      ],
    };
  }

  /** A fresh case's determination with caseworkerAssigned and supervisor on the panel. */
  async freshBid(signedBy: ActorName[] = [], decided = false): Promise<{ caseId: string; bid: any }> {
    const c = await this.freshCase();
    const base = `/api/v1/cases/${c.id}/bids`;
    let bid = await this.as('caseworkerAssigned', 'POST', base, {
      trigger: 'separation_from_parents',
      panel: [
        { userId: this.actors.caseworkerAssigned.userId, panelRole: 'member' },
        { userId: this.actors.supervisor.userId, panelRole: 'chair' },
      ],
    });
    for (const a of signedBy) await this.as(a, 'POST', `${base}/${bid.id}/undertaking`, { accept: true });
    if (decided)
      bid = await this.as(signedBy[0], 'POST', `${base}/${bid.id}/decision`, this.bidDecision(bid.version));
    return { caseId: c.id, bid };
  }

  bidDecision(version: number) {
    return {
      version,
      decision: 'Reunificación',
      reasons: 'Interés superior',
      genderDiversityPerspective: 'Considerada',
    };
  }

  async freshFollowUp(): Promise<any> {
    const c = await this.freshCase();
    return this.as('caseworkerAssigned', 'POST', `/api/v1/cases/${c.id}/follow-ups`, {
      type: 'office',
      dueAt: iso(Date.now() + DAY),
    });
  }
}

export const days = (n: number) => iso(Date.now() + n * DAY);

/** Runs at most `n` of the given tasks at once, in arrival order. */
export function limiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiting one.
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
