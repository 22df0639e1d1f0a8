import { Role } from '../../src/common/role';
import { CaseDataService } from '../../src/cases/case-data.service';
import { CaseLookupService } from '../../src/cases/case-lookup.service';
import { DomainEvents } from '../../src/common/domain-events';
import type { Agency } from '../../src/directory/agency.entity';
import { registerCase, registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

describe('cases: the full flow', () => {
  let t: TestApp;
  let center: Agency;
  let health: Agency;
  let cw: Awaited<ReturnType<typeof makeActor>>;
  let sup: Awaited<ReturnType<typeof makeActor>>;
  let psych: Awaited<ReturnType<typeof makeActor>>;
  const events: { name: string; event: any }[] = [];
  const as = (actor: any) => ({ token: t.tokenFor(actor) });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-03-02T12:00:00Z');
    center = await makeAgency(t.dataSource);
    health = await makeAgency(t.dataSource, { type: 'health' });
    cw = await makeActor(t.dataSource, Role.Caseworker, center);
    sup = await makeActor(t.dataSource, Role.Supervisor, center);
    psych = await makeActor(t.dataSource, Role.Caseworker, center);
    const bus = t.app.get(DomainEvents);
    for (const name of [
      'case.registered',
      'case.riskChanged',
      'case.closed',
      'case.reopened',
      'consent.withdrawn',
      'assessment.approved',
    ] as const)
      bus.subscribe(name, async (event) => void events.push({ name, event }));
  });
  afterAll(() => t.close());

  it('registers, finds the duplicate, links, consents, assesses, plans, closes and reopens', async () => {
    // First return: a new child (no candidates).
    const first = await registerCase(t, cw, center.id, { riskLevel: 'high' });
    expect(first.duplicateDecision).toBe('no_candidates');
    expect(first.case.caseNumber).toMatch(/^GT-2026-\d{6}$/);
    expect(first.case.phase).toBe('registration');
    expect(first.case.assessmentDueExplain).toContain('assessment.initialDue.high = 24h');
    expect(new Date(first.case.assessmentDueAt).toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(events).toContainEqual({ name: 'case.registered', event: { caseId: first.case.id } });
    const firstCase = first.case.id;
    const childId = first.case.childId;

    // Close the first case so the child is "returned again" later.
    await t.request('POST', `/api/v1/cases/${firstCase}/closure`, {
      ...as(cw),
      body: { reason: 're_migrated', version: 1 },
    });
    const closedFirst = await t.request('POST', `/api/v1/cases/${firstCase}/closure/decision`, {
      ...as(sup),
      body: { decision: 'approve', version: 1 },
    });
    expect(closedFirst.status).toBe(200);

    // Second return, typed differently: accents dropped, words reordered, a typo.
    t.clock.set('2026-06-01T12:00:00Z');
    const body = registrationBody(
      center.id,
      { riskLevel: 'medium' },
      { firstNames: 'Maria Jose', lastNames: 'Lopes Perez', dateOfBirth: undefined, estimatedAge: 16 },
    );
    (body.reception as any).receivedAt = '2026-06-01T08:00:00Z';
    const dup = await t.request('POST', '/api/v1/cases', { ...as(cw), body });
    expect(dup.status).toBe(409);
    expect(dup.headers['content-type']).toMatch(/problem\+json/);
    expect(dup.body.code).toBe('POSSIBLE_DUPLICATES');
    expect(dup.body.candidates[0]).toMatchObject({ childId, nationality: 'GT', sex: 'male', caseCount: 1 });
    // Banded similarity, no score; names because the caller may read the child's earlier case.
    expect(Object.keys(dup.body.candidates[0]).sort()).toEqual(
      [
        'ageBand',
        'agencyId',
        'caseCount',
        'childId',
        'countryCode',
        'firstNames',
        'lastNames',
        'lastReceivedAt',
        'nationality',
        'similarity',
        'sex',
      ].sort(),
    );
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM case_file')).toEqual([{ n: 1 }]);

    // Claiming "different child" without reviewing every candidate is refused.
    const unreviewed = await t.request('POST', '/api/v1/cases', {
      ...as(cw),
      body: { ...body, duplicateCheck: { decision: 'different_child', reviewedCandidateIds: [] } },
    });
    expect(unreviewed.status).toBe(409);
    expect(unreviewed.body.code).toBe('UNREVIEWED_CANDIDATES');

    const linked = await t.request('POST', '/api/v1/cases', {
      ...as(cw),
      body: { ...body, duplicateCheck: { decision: 'link', childId } },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.duplicateDecision).toBe('link');
    const c = linked.body.case;
    expect(c.childId).toBe(childId);
    expect(c.id).not.toBe(firstCase);
    // The linked case shows what this registration recorded (the first case keeps its own).
    expect(c.firstNames).toBe('Maria Jose');
    const [decision] = await t.dataSource.query(
      'SELECT decision, child_id, candidate_ids FROM duplicate_decision WHERE case_id = $1',
      [c.id],
    );
    expect(decision).toMatchObject({ decision: 'link', child_id: childId });
    expect(decision.candidate_ids).toContain(childId);
    const read = await t.request('GET', `/api/v1/cases/${c.id}`, as(cw));
    expect(read.body.childCases).toEqual([
      expect.objectContaining({ caseNumber: first.case.caseNumber, status: 'closed' }),
    ]);

    // Consent, then withdrawal (immediate, event in the same transaction).
    const consent = await t.request('POST', `/api/v1/cases/${c.id}/consents`, {
      ...as(cw),
      body: {
        givenBy: 'parent',
        childAssent: true,
        purposes: ['health_care'],
        recipientAgencyIds: [health.id],
        dataCategories: ['identification', 'health'],
        givenAt: '2026-06-01T11:00:00Z',
      },
    });
    expect(consent.status).toBe(201);
    const consents = await t.request('GET', `/api/v1/cases/${c.id}/consents`, as(cw));
    expect(consents.body.items[0].inForce).toBe(true);

    // Assessment: draft -> submit -> returned -> edit -> submit -> approved (risk high).
    let a = await t.request('POST', `/api/v1/cases/${c.id}/assessments`, {
      ...as(cw),
      body: {
        type: 'comprehensive',
        conductedAt: '2026-06-01T11:30:00Z',
        findings: [
          { domain: 'safety', finding: 'Amenazas en la comunidad de origen', concern: 'high' },
          { domain: 'education', finding: 'Dejó la escuela en 6.º grado' },
        ],
        riskRating: 'high',
      },
    });
    expect(a.status).toBe(201);
    a = await t.request('POST', `/api/v1/cases/${c.id}/assessments/${a.body.id}/submit`, {
      ...as(cw),
      body: { version: a.body.version },
    });
    expect(a.body.status).toBe('submitted');
    a = await t.request('POST', `/api/v1/cases/${c.id}/assessments/${a.body.id}/review`, {
      ...as(sup),
      body: { decision: 'return', comment: 'Falta el dominio psicosocial', version: a.body.version },
    });
    expect(a.body).toMatchObject({ status: 'returned', reviewComment: 'Falta el dominio psicosocial' });
    a = await t.request('PATCH', `/api/v1/cases/${c.id}/assessments/${a.body.id}`, {
      ...as(cw),
      body: {
        version: a.body.version,
        riskRating: 'high',
        findings: [
          { domain: 'safety', finding: 'Amenazas en la comunidad de origen', concern: 'high' },
          { domain: 'psychosocial', finding: 'Ansiedad, duerme mal' },
          { domain: 'education', finding: 'Dejó la escuela en 6.º grado' },
        ],
      },
    });
    expect(a.status).toBe(200);
    a = await t.request('POST', `/api/v1/cases/${c.id}/assessments/${a.body.id}/submit`, {
      ...as(cw),
      body: { version: a.body.version },
    });
    a = await t.request('POST', `/api/v1/cases/${c.id}/assessments/${a.body.id}/review`, {
      ...as(sup),
      body: { decision: 'approve', version: a.body.version },
    });
    expect(a.body.status).toBe('approved');
    expect(events).toContainEqual({
      name: 'case.riskChanged',
      event: { caseId: c.id, from: 'medium', to: 'high' },
    });
    expect(events).toContainEqual({
      name: 'assessment.approved',
      event: { caseId: c.id, assessmentId: a.body.id },
    });
    let now = (await t.request('GET', `/api/v1/cases/${c.id}`, as(sup))).body;
    expect(now).toMatchObject({ riskLevel: 'high', phase: 'case_plan', assessmentDueAt: null });
    expect(now.planDueExplain).toContain('casePlan.dueAfterAssessment.high = 7d');

    // Case plan v1 approved, then v2 supersedes it.
    const goals = [
      {
        dimension: 'economic_education',
        goal: 'Volver a la escuela',
        actions: [{ description: 'Inscripción', responsibleAgencyId: health.id, dueAt: '2026-07-01' }],
      },
    ];
    let p = await t.request('POST', `/api/v1/cases/${c.id}/plans`, { ...as(cw), body: { goals } });
    expect(p.body).toMatchObject({ planNumber: 1, status: 'draft' });
    p = await t.request('POST', `/api/v1/cases/${c.id}/plans/${p.body.id}/submit`, {
      ...as(cw),
      body: { version: p.body.version },
    });
    p = await t.request('POST', `/api/v1/cases/${c.id}/plans/${p.body.id}/review`, {
      ...as(sup),
      body: { decision: 'approve', version: p.body.version },
    });
    expect(p.body.status).toBe('approved');
    let p2 = await t.request('POST', `/api/v1/cases/${c.id}/plans`, { ...as(cw), body: { goals } });
    expect(p2.body.planNumber).toBe(2);
    p2 = await t.request('POST', `/api/v1/cases/${c.id}/plans/${p2.body.id}/submit`, {
      ...as(cw),
      body: { version: p2.body.version },
    });
    await t.request('POST', `/api/v1/cases/${c.id}/plans/${p2.body.id}/review`, {
      ...as(sup),
      body: { decision: 'approve', version: p2.body.version },
    });
    const plans = await t.request('GET', `/api/v1/cases/${c.id}/plans`, as(cw));
    expect(plans.body.items.map((x: any) => [x.planNumber, x.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    now = (await t.request('GET', `/api/v1/cases/${c.id}`, as(sup))).body;
    expect(now).toMatchObject({ phase: 'implementation', planDueAt: null, overdue: false });

    // Snapshot readers registered for referrals.
    const snapshot = await t.app
      .get(CaseDataService)
      .collect(t.dataSource.manager, c.id, [
        'assessments',
        'psychosocial',
        'case_plan',
        'education',
        'protection_concerns',
      ]);
    expect(Object.keys(snapshot).sort()).toEqual(
      ['assessments', 'case_plan', 'education', 'protection_concerns', 'psychosocial'].sort(),
    );
    expect((snapshot.psychosocial as any).findings[0]).toMatchObject({ domain: 'psychosocial' });

    // Consent withdrawal.
    const w = await t.request('POST', `/api/v1/cases/${c.id}/consents/${consent.body.id}/withdraw`, {
      ...as(cw),
      body: { reason: 'La familia lo pidió' },
    });
    expect(w.status).toBe(200);
    expect(w.body.withdrawnAt).toBe('2026-06-01T12:00:00.000Z');
    expect(events).toContainEqual({
      name: 'consent.withdrawn',
      event: { caseId: c.id, consentId: consent.body.id },
    });
    expect((await t.request('GET', `/api/v1/cases/${c.id}/consents`, as(cw))).body.items[0].inForce).toBe(
      false,
    );
    const again = await t.request('POST', `/api/v1/cases/${c.id}/consents/${consent.body.id}/withdraw`, {
      ...as(cw),
      body: {},
    });
    expect(again.body.code).toBe('CONSENT_ALREADY_WITHDRAWN');

    // Closure: requested, approved; then reopened.
    const v = now.version;
    const req = await t.request('POST', `/api/v1/cases/${c.id}/closure`, {
      ...as(cw),
      body: { reason: 'goals_met', notes: 'Escolarizado', version: v },
    });
    expect(req.status).toBe(201);
    const approved = await t.request('POST', `/api/v1/cases/${c.id}/closure/decision`, {
      ...as(sup),
      body: { decision: 'approve', version: v },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.case).toMatchObject({
      status: 'closed',
      phase: 'closed',
      closureReason: 'goals_met',
    });
    expect(events).toContainEqual({ name: 'case.closed', event: { caseId: c.id, reason: 'goals_met' } });
    const closedWrite = await t.request('POST', `/api/v1/cases/${c.id}/interviews`, {
      ...as(cw),
      body: { conductedAt: '2026-06-01T09:00:00Z', purpose: 'x', topics: ['family'] },
    });
    expect(closedWrite.body.code).toBe('CASE_CLOSED');
    const reopened = await t.request('POST', `/api/v1/cases/${c.id}/reopen`, {
      ...as(sup),
      body: { reason: 'Nueva amenaza', version: approved.body.case.version },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', phase: 'assessment', closedAt: null });
    expect(events).toContainEqual({ name: 'case.reopened', event: { caseId: c.id } });

    const history = await t.request('GET', `/api/v1/cases/${c.id}/phase-history`, as(sup));
    expect(history.body.items.map((h: any) => h.toPhase)).toEqual([
      'registration',
      'case_plan',
      'implementation',
      'closed',
      'assessment',
    ]);

    // Who has seen this child's record.
    const log = await t.request('GET', `/api/v1/cases/${c.id}/access-log?limit=5`, as(sup));
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(5);
    expect(log.body.nextCursor).toEqual(expect.any(String));
    const next = await t.request(
      'GET',
      `/api/v1/cases/${c.id}/access-log?limit=100&cursor=${log.body.nextCursor}`,
      as(sup),
    );
    const all = [...log.body.items, ...next.body.items];
    expect(all.some((e: any) => e.action === 'case.read' && e.actorUserId === cw.userId)).toBe(true);
    expect(all.some((e: any) => e.action === 'case.create')).toBe(true);
    // Newest first, in insertion order (entries are in the log before the sequencer seals them).
    expect(all.map((e: any) => Number(e.id))).toEqual(
      [...all.map((e: any) => Number(e.id))].sort((x, y) => y - x),
    );
    const reads = all.filter((e: any) => e.action === 'case.read' && e.actorUserId === cw.userId);
    expect(reads[0].fields).toEqual(['identifying', 'operational', 'sensitive']);
  });

  it('logs interviews and asks for a reason before re-asking a documented topic', async () => {
    const reg = await registerCase(t, cw, center.id, {}, { firstNames: 'Wendy', lastNames: 'Xol Caal' });
    const id = reg.case.id;
    const first = await t.request('POST', `/api/v1/cases/${id}/interviews`, {
      ...as(cw),
      body: {
        conductedAt: '2026-06-01T09:00:00Z',
        purpose: 'Entrevista inicial',
        topics: ['family', 'violence'],
      },
    });
    expect(first.status).toBe(201);
    const repeat = await t.request('POST', `/api/v1/cases/${id}/interviews`, {
      ...as(cw),
      body: {
        conductedAt: '2026-06-01T10:00:00Z',
        purpose: 'Seguimiento',
        topics: ['violence', 'education'],
      },
    });
    expect(repeat.status).toBe(422);
    expect(repeat.body.code).toBe('REPEATED_TOPIC_NEEDS_REASON');
    const withReason = await t.request('POST', `/api/v1/cases/${id}/interviews`, {
      ...as(cw),
      body: {
        conductedAt: '2026-06-01T10:00:00Z',
        purpose: 'Seguimiento',
        topics: ['violence', 'education'],
        repeatReason: 'Denuncia ante el Ministerio Público requiere declaración',
      },
    });
    expect(withReason.body.repeatedTopics).toEqual(['violence']);
    const list = await t.request('GET', `/api/v1/cases/${id}/interviews`, as(sup));
    expect(list.body).toMatchObject({
      count: 2,
      withRepeatedTopics: 1,
      byTopic: { violence: 2, family: 1, education: 1 },
    });
    expect((await t.request('GET', `/api/v1/cases/${id}`, as(sup))).body.interviewCount).toBe(2);
    const counts = await t.app.get(CaseLookupService).interviewCounts(t.dataSource.manager, [id]);
    expect(counts.get(id)).toEqual({ interviews: 2, withRepeatedTopics: 1 });
  });

  it('runs a best-interests determination with undertakings, decision and review', async () => {
    const reg = await registerCase(t, cw, center.id, {}, { firstNames: 'Kevin', lastNames: 'Ajú Tzul' });
    const id = reg.case.id;
    const bid = await t.request('POST', `/api/v1/cases/${id}/bids`, {
      ...as(cw),
      body: {
        trigger: 'durable_solution',
        panel: [
          { userId: sup.userId, panelRole: 'chair' },
          { userId: psych.userId, panelRole: 'psychologist' },
        ],
      },
    });
    expect(bid.status).toBe(201);
    const bidUrl = `/api/v1/cases/${id}/bids/${bid.body.id}`;
    // A panel member who is not on the case team cannot read before signing.
    const early = await t.request('GET', bidUrl, as(psych));
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('BID_UNDERTAKING_REQUIRED');
    // The caseworker is not a panel member: cannot sign or decide.
    expect(
      (await t.request('POST', `${bidUrl}/undertaking`, { ...as(cw), body: { accept: true } })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `${bidUrl}/undertaking`, { ...as(psych), body: { accept: true } })).status,
    ).toBe(200);
    const decision = {
      decision: 'Reintegración con la abuela materna',
      reasons: 'Vínculo estable, escuela cercana',
      genderDiversityPerspective: 'Se consideró su identidad maya kʼicheʼ y su idioma',
      version: bid.body.version,
    };
    const incomplete = await t.request('POST', `${bidUrl}/decision`, { ...as(psych), body: decision });
    expect(incomplete.body.code).toBe('BID_PANEL_INCOMPLETE');
    await t.request('POST', `${bidUrl}/undertaking`, { ...as(sup), body: { accept: true } });
    const decided = await t.request('POST', `${bidUrl}/decision`, { ...as(psych), body: decision });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('decided');
    const reopened = await t.request('POST', `${bidUrl}/review`, {
      ...as(sup),
      body: { outcome: 'reopen', reason: 'La abuela enfermó', version: decided.body.version },
    });
    expect(reopened.body.status).toBe('reopened');
    const read = await t.request('GET', bidUrl, as(cw));
    expect(read.body.panel).toHaveLength(2);
  });

  it('flags the age of majority ahead of time and allows the policy extension', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    // Turns 18 on 2026-08-01: inside the 90-day warning window.
    const reg = await registerCase(
      t,
      cw,
      center.id,
      {},
      { firstNames: 'Luis', lastNames: 'Chávez', dateOfBirth: '2008-08-01' },
    );
    expect(reg.case.agingOutSoon).toBe(true);
    expect(reg.case.ageOfMajority).toMatchObject({ on: '2026-08-01', warnFrom: '2026-05-03', flagged: true });
    expect(reg.case.ageOfMajority.explain).toContain('ageOfMajority.warnBefore = 90d');
    const tooFar = await t.request('POST', `/api/v1/cases/${reg.case.id}/age-extension`, {
      ...as(sup),
      body: { until: '2029-08-02', reason: 'Termina bachillerato', version: reg.case.version },
    });
    expect(tooFar.body.code).toBe('EXTENSION_NOT_ALLOWED');
    const ok = await t.request('POST', `/api/v1/cases/${reg.case.id}/age-extension`, {
      ...as(sup),
      body: { until: '2027-12-31', reason: 'Termina bachillerato', version: reg.case.version },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.ageOfMajority.extendedUntil).toBe('2027-12-31');
    const young = await registerCase(
      t,
      cw,
      center.id,
      {},
      { firstNames: 'Ana', lastNames: 'Cux', dateOfBirth: '2015-01-01' },
    );
    expect(young.case.agingOutSoon).toBe(false);
  });

  it('rejects a stale update and changes nothing', async () => {
    const reg = await registerCase(t, cw, center.id, {}, { firstNames: 'Marta', lastNames: 'Ixcoy' });
    const id = reg.case.id;
    const ok = await t.request('PATCH', `/api/v1/cases/${id}`, {
      ...as(cw),
      body: { version: reg.case.version, protectionConcerns: ['violence'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(reg.case.version + 1);
    const stale = await t.request('PATCH', `/api/v1/cases/${id}`, {
      ...as(cw),
      body: { version: reg.case.version, protectionConcerns: ['trafficking'] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const staleAssign = await t.request('POST', `/api/v1/cases/${id}/assign`, {
      ...as(sup),
      body: { version: reg.case.version, assignedUserId: psych.userId },
    });
    expect(staleAssign.body.code).toBe('STALE_VERSION');
    const [row] = await t.dataSource.query(
      'SELECT protection_concerns, assigned_user_id, version FROM case_file WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      protection_concerns: ['violence'],
      assigned_user_id: cw.userId,
      version: reg.case.version + 1,
    });
  });

  it('allocates distinct case numbers under concurrent registrations', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        registerCase(
          t,
          cw,
          center.id,
          {},
          {
            firstNames: `Niño${'abcdef'[i]}`,
            lastNames: `Prueba${'ghijkl'[i]}`,
            dateOfBirth: `201${i}-01-0${i + 1}`,
          },
        ),
      ),
    );
    const numbers = results.map((r) => r.case.caseNumber);
    expect(new Set(numbers).size).toBe(6);
  });
});
