import { Role } from '../../src/common/role';
import { CaseDataService } from '../../src/cases/case-data.service';
import type { Agency } from '../../src/directory/agency.entity';
import { registerCase, registrationBody } from '../factories/case.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';

/** What the Guatemalan agency recorded: none of it may reach the Mexican agency through a link. */
const PLANTED = {
  firstNames: 'Yésica Abigaíl',
  lastNames: 'Ordóñez Muñoz',
  dateOfBirth: '2011-02-14',
  genderIdentity: 'PLANTED-gender-GT',
  disability: 'PLANTED-disability-GT',
  documents: [{ type: 'passport', number: 'PLANTED-DOC-GT', country: 'GT' }],
  familyContacts: [{ name: 'PLANTED Contacto GT', relationship: 'aunt', phone: '+50299999999' }],
};
const PLANTED_STRINGS = [
  'Yésica',
  'Ordóñez',
  '2011-02-14',
  'PLANTED-gender-GT',
  'PLANTED-disability-GT',
  'PLANTED-DOC-GT',
  'PLANTED Contacto GT',
  '+50299999999',
  'PLANTED-interview-purpose-GT',
];
const leaks = (body: unknown) => PLANTED_STRINGS.filter((s) => JSON.stringify(body).includes(s));

describe('cases: linking a returned child never widens access', () => {
  let t: TestApp;
  let gtCenter: Agency;
  let mxCenter: Agency;
  let gtCw: any;
  let gtSup: any;
  let mxCw: any;
  let gtCase: any;
  const as = (actor: any) => ({ token: t.tokenFor(actor) });
  /** The Mexican registration: the same child, as the Mexican caseworker recorded her. */
  const mxBody = (childId?: string, child: Record<string, unknown> = {}) => ({
    ...registrationBody(
      mxCenter.id,
      {},
      {
        firstNames: 'Yesica Abigail',
        lastNames: 'Ordonez Munos',
        dateOfBirth: undefined,
        estimatedAge: 15,
        sex: 'female',
        genderIdentity: undefined,
        disability: undefined,
        documents: [],
        familyContacts: [{ name: 'Contacto MX', relationship: 'mother' }],
        ...child,
      },
    ),
    ...(childId ? { duplicateCheck: { decision: 'link', childId } } : {}),
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    gtCenter = await makeAgency(t.dataSource);
    mxCenter = await makeAgency(t.dataSource, { countryCode: 'MX' });
    gtCw = await makeActor(t.dataSource, Role.Caseworker, gtCenter);
    gtSup = await makeActor(t.dataSource, Role.Supervisor, gtCenter);
    mxCw = await makeActor(t.dataSource, Role.Caseworker, mxCenter);
    gtCase = (await registerCase(t, gtCw, gtCenter.id, {}, PLANTED)).case;
    const interview = await t.request('POST', `/api/v1/cases/${gtCase.id}/interviews`, {
      ...as(gtCw),
      body: {
        conductedAt: '2026-05-30T10:00:00Z',
        purpose: 'PLANTED-interview-purpose-GT',
        topics: ['family', 'violence'],
      },
    });
    expect(interview.status).toBe(201);
  });
  afterAll(() => t.close());

  it('refuses a link to a child the server’s own search does not return for this registration', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_file'))[0].n;
    // Any names, the Guatemalan childId found elsewhere: the attack of issue 9, item 2.
    for (const childId of [gtCase.childId, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.request('POST', '/api/v1/cases', {
        ...as(mxCw),
        body: mxBody(childId, { firstNames: 'Pedro', lastNames: 'Gómez Ruiz', estimatedAge: 9, sex: 'male' }),
      });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.code).toBe('LINK_NOT_A_CANDIDATE');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'duplicateCheck.childId' })]);
      expect(leaks(res.body)).toEqual([]);
    }
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM case_file'))[0].n).toBe(before);
  });

  it('links a real match to a case that shows only what the linking agency recorded', async () => {
    const dup = await t.request('POST', '/api/v1/cases', { ...as(mxCw), body: mxBody() });
    expect(dup.status).toBe(409);
    expect(dup.body.candidates.map((c: any) => c.childId)).toContain(gtCase.childId);
    expect(leaks(dup.body)).toEqual([]);

    const linked = await t.request('POST', '/api/v1/cases', { ...as(mxCw), body: mxBody(gtCase.childId) });
    expect(linked.status).toBe(201);
    const mx = linked.body.case;
    expect(mx).toMatchObject({ childId: gtCase.childId, firstNames: 'Yesica Abigail', countryCode: 'MX' });
    expect(mx.familyContacts).toEqual([{ name: 'Contacto MX', relationship: 'mother' }]);
    expect(leaks(linked.body)).toEqual([]);

    // The case read: its own record, the Guatemalan case as an operational reference only.
    const read = await t.request('GET', `/api/v1/cases/${mx.id}`, as(mxCw));
    expect(read.status).toBe(200);
    expect(leaks(read.body)).toEqual([]);
    expect(read.body.childCases).toEqual([
      {
        caseNumber: gtCase.caseNumber,
        countryCode: 'GT',
        agencyId: gtCenter.id,
        status: 'open',
        returnedAt: expect.any(String),
        openedAt: expect.any(String),
        closedAt: null,
      },
    ]);

    // Interviews: the Guatemalan one is a reference (when, topics), not its content.
    const interviews = await t.request('GET', `/api/v1/cases/${mx.id}/interviews`, as(mxCw));
    expect(interviews.status).toBe(200);
    expect(interviews.body).toMatchObject({
      count: 1,
      inThisCase: 0,
      items: [],
      byTopic: { family: 1, violence: 1 },
    });
    expect(interviews.body.elsewhere).toEqual([
      {
        caseNumber: gtCase.caseNumber,
        countryCode: 'GT',
        agencyId: gtCenter.id,
        conductedAt: '2026-05-30T10:00:00.000Z',
        topics: ['family', 'violence'],
      },
    ]);
    expect(leaks(interviews.body)).toEqual([]);
    // Tell it once still holds across agencies.
    const again = await t.request('POST', `/api/v1/cases/${mx.id}/interviews`, {
      ...as(mxCw),
      body: { conductedAt: '2026-06-01T09:00:00Z', purpose: 'Inicial', topics: ['violence'] },
    });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('REPEATED_TOPIC_NEEDS_REASON');

    // Referral snapshots of the new case carry its own record too.
    const data = await t.app
      .get(CaseDataService)
      .collect(t.dataSource.manager, mx.id, [
        'identification',
        'contact',
        'documents',
        'health',
        'gender_identity',
      ]);
    expect(leaks(data)).toEqual([]);
    expect(data.identification).toMatchObject({ firstNames: 'Yesica Abigail' });

    // The Mexican list rows show the Mexican record.
    const list = await t.request('GET', '/api/v1/cases', as(mxCw));
    expect(list.body.items.map((i: any) => i.firstNames)).toEqual(['Yesica Abigail']);
    expect(leaks(list.body)).toEqual([]);

    // The Guatemalan case keeps its own record, and its access log shows every look from Mexico.
    const own = await t.request('GET', `/api/v1/cases/${gtCase.id}`, as(gtCw));
    expect(own.body).toMatchObject({ firstNames: 'Yésica Abigaíl', disability: 'PLANTED-disability-GT' });
    const log = await t.request('GET', `/api/v1/cases/${gtCase.id}/access-log?limit=100`, as(gtSup));
    const fromMexico = log.body.items.filter((e: any) => e.actorAgencyId === mxCenter.id);
    expect(fromMexico.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['child.match.candidate', 'case.reference.read', 'interview.list']),
    );
    expect(fromMexico.every((e: any) => e.fields.join() === 'operational')).toBe(true);
  });
});
