import { Role } from '../../src/common/role';
import { registrationBody } from '../factories/case.factory';
import { makeActor } from '../factories/directory.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { referralScenario } from '../referrals/referral-scenario';

/** Inputs that used to reach PostgreSQL or crash a service: each must be a 4xx problem with field details. */
describe('bad input is a 4xx problem with field details, never a 500', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let admin: any;
  let referralId: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await referralScenario(t);
    admin = await makeActor(t.dataSource, Role.Administrator, s.sender);
    const created = await t.request('POST', '/api/v1/referrals', {
      token: t.tokenFor(s.caseworker),
      body: s.body(),
    });
    expect(created.status).toBe(201);
    referralId = created.body.id;
  });
  afterAll(() => t.close());

  const expectProblem = (
    res: { status: number; body: any; headers: Record<string, any> },
    status: number,
    field?: string,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(res.body.errors?.map((e: any) => e.field)).toContain(field);
    return res.body;
  };

  describe('a NUL byte in a string', () => {
    it('in a search query parameter', async () => {
      const res = await t.request('GET', '/api/v1/directory/agencies?q=ab%00cd', {
        token: t.tokenFor(s.caseworker),
        headers: { 'accept-language': 'en' },
      });
      const body = expectProblem(res, 400, 'q');
      expect(body.errors.find((e: any) => e.field === 'q').message).toBe('Must not contain NUL characters.');
    });

    it('in names of a registration, in Spanish by default', async () => {
      const res = await t.request('POST', '/api/v1/cases', {
        token: t.tokenFor(s.caseworker),
        body: registrationBody(s.sender.id, {}, { firstNames: 'Jo\u0000sé' }),
      });
      const body = expectProblem(res, 400, 'child.firstNames');
      expect(body.errors[0]).toMatchObject({
        code: 'noNulCharacter',
        message: 'No puede contener caracteres NUL.',
      });
    });

    it('inside an array of a registration', async () => {
      const res = await t.request('POST', '/api/v1/cases', {
        token: t.tokenFor(s.caseworker),
        body: registrationBody(
          s.sender.id,
          {},
          { familyContacts: [{ name: 'A\u0000', relationship: 'mother' }] },
        ),
      });
      expectProblem(res, 400, 'child.familyContacts.0.name');
    });

    it('in a referral reason and purpose', async () => {
      const res = await t.request('POST', '/api/v1/referrals', {
        token: t.tokenFor(s.caseworker),
        body: s.body({ reason: 'x\u0000y', purpose: 'health\u0000care' }),
      });
      const body = expectProblem(res, 400, 'reason');
      expect(body.errors.map((e: any) => e.field)).toContain('purpose');
    });

    it('in a user name written by an administrator', async () => {
      const res = await t.request('POST', '/api/v1/admin/users', {
        token: t.tokenFor(admin),
        body: { email: 'nul@example.org', fullName: 'Nu\u0000ll', role: 'auditor', agencyId: s.sender.id },
      });
      expectProblem(res, 400, 'fullName');
    });

    it('in a path parameter', async () => {
      const res = await t.request('GET', '/api/v1/directory/agencies/a%00b', {
        token: t.tokenFor(s.caseworker),
      });
      expectProblem(res, 400, 'id');
    });
  });

  describe('messages a caseworker understands', () => {
    it('a missing field gets one message: required, in Spanish or English', async () => {
      const body = registrationBody(s.sender.id);
      delete (body.child as Record<string, unknown>).lastNames;
      for (const [lang, message] of [
        ['es', 'Es obligatorio.'],
        ['en', 'Is required.'],
      ]) {
        const res = await t.request('POST', '/api/v1/cases', {
          token: t.tokenFor(s.caseworker),
          body,
          headers: { 'accept-language': lang },
        });
        const problem = expectProblem(res, 400, 'child.lastNames');
        expect(problem.errors.filter((e: any) => e.field === 'child.lastNames')).toEqual([
          { field: 'child.lastNames', code: 'isDefined', message },
        ]);
      }
    });

    it('a wrong value gets the first failed rule only, kind before length', async () => {
      const body = registrationBody(s.sender.id, {}, { firstNames: 42 });
      const res = await t.request('POST', '/api/v1/cases', { token: t.tokenFor(s.caseworker), body });
      const problem = expectProblem(res, 400, 'child.firstNames');
      expect(problem.errors.filter((e: any) => e.field === 'child.firstNames')).toEqual([
        { field: 'child.firstNames', code: 'isString', message: 'Debe ser texto.' },
      ]);
    });

    it('a body id that is not a UUID is translated', async () => {
      const res = await t.request('POST', '/api/v1/referrals', {
        token: t.tokenFor(s.caseworker),
        body: s.body({ recipientAgencyId: 'not-a-uuid' }),
        headers: { 'accept-language': 'en' },
      });
      const problem = expectProblem(res, 400, 'recipientAgencyId');
      const issue = problem.errors.find((e: any) => e.field === 'recipientAgencyId');
      expect(issue.message).toBe('Must be a UUID.');
    });
  });

  it('a path id that is not a UUID names the parameter', async () => {
    const res = await t.request('GET', '/api/v1/referrals/not-a-uuid/snapshot', {
      token: t.tokenFor(s.caseworker),
      headers: { 'accept-language': 'en' },
    });
    const body = expectProblem(res, 400, 'id');
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'id', code: 'isUUID', message: 'Must be a UUID.' }],
    });
  });

  it('an integer query parameter beyond int4', async () => {
    const res = await t.request('GET', `/api/v1/referrals/${referralId}/snapshot?version=2147483648`, {
      token: t.tokenFor(s.caseworker),
      headers: { 'accept-language': 'en' },
    });
    const body = expectProblem(res, 400, 'version');
    expect(body.errors.find((e: any) => e.field === 'version').message).toBe('Must be at most 2147483647.');
  });

  it('an integer body field beyond int4', async () => {
    const res = await t.request('POST', `/api/v1/referrals/${referralId}/amend`, {
      token: t.tokenFor(s.caseworker),
      body: { version: 1e12 },
    });
    expectProblem(res, 400, 'version');
  });

  describe('a body nested 2,000 deep', () => {
    const depth = 2000;
    it('arrays on POST /cases', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { authorization: `Bearer ${t.tokenFor(s.caseworker)}`, 'content-type': 'application/json' },
        payload: `{"protectionConcerns":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: any) => e.field)).toContain('protectionConcerns');
    });

    it('objects on /auth/login', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"email":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"password":"x"}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: any) => e.field)).toContain('email');
    });

    it('objects under an unknown top-level field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        payload: `{"email":"a@b.org","password":"x","a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual({
        field: 'a',
        code: 'maxDepth',
        message: 'Is nested more than 32 levels deep.',
      });
    });
  });

  it.each(['reception', 'child'])('POST /cases without its %s object', async (part) => {
    const body = registrationBody(s.sender.id);
    delete body[part];
    const res = await t.request('POST', '/api/v1/cases', { token: t.tokenFor(s.caseworker), body });
    expectProblem(res, 400, part);
  });

  it.each([
    ['reception', 'x'],
    ['reception', []],
    ['child', null],
    ['child', [{}]],
  ])('POST /cases with %s not an object (%j)', async (part, value) => {
    const res = await t.request('POST', '/api/v1/cases', {
      token: t.tokenFor(s.caseworker),
      body: registrationBody(s.sender.id, { [part]: value }),
    });
    expectProblem(res, 400, part);
  });
});
