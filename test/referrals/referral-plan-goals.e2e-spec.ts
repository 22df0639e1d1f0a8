import { randomUUID } from 'node:crypto';
import { CasePlan } from '../../src/cases/records/case-plan.entity';
import { makeConsent } from '../factories/cases.factory';
import { makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { referralScenario } from './referral-scenario';

const PSYCHOSOCIAL_GOAL = 'Elaborar el duelo por la muerte del padre en el trayecto';
const SAFETY_GOAL = 'Plan de seguridad frente a la amenaza de la pandilla del barrio';

/** Case-plan goals travel by the category of their dimension, not all under `case_plan`. */
describe('case-plan goals in a referral snapshot', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let ngo: Awaited<ReturnType<typeof makeAgency>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await referralScenario(t);
    ngo = await makeAgency(t.dataSource, { countryCode: 'GT', type: 'ngo', services: [] });
    await makeAgreement(t.dataSource, [s.sender, ngo], {
      purposes: ['economic_reintegration', 'psychosocial_support'],
      dataCategories: ['identification', 'case_summary', 'case_plan', 'psychosocial', 'protection_concerns'],
    });
    const plans = t.dataSource.getRepository(CasePlan);
    await plans.save(
      plans.create({
        caseId: s.caseFile.id,
        planNumber: 1,
        status: 'approved',
        authorId: randomUUID(),
        review: { submittedAt: null, reviewedBy: null, reviewedAt: new Date(), reviewComment: null },
        goals: [
          { dimension: 'economic_education', goal: 'Volver a la escuela', actions: [] },
          { dimension: 'psychosocial', goal: PSYCHOSOCIAL_GOAL, actions: [] },
          { dimension: 'safety_family', goal: SAFETY_GOAL, actions: [] },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  const refer = async (service: string, categories: string[]) => {
    const consent = await makeConsent(t.dataSource, s.caseFile, {
      purposes: [service],
      recipientAgencyIds: [ngo.id],
      dataCategories: categories,
    });
    const token = t.tokenFor(s.caseworker);
    const res = await t.request('POST', '/api/v1/referrals', {
      token,
      body: s.body({
        recipientAgencyId: ngo.id,
        serviceType: service,
        purpose: service,
        consentId: consent.id,
      }),
    });
    expect(res.status).toBe(201);
    return (await t.request('GET', `/api/v1/referrals/${res.body.id}/snapshot`, { token })).body;
  };

  it('leaves psychosocial and safety goals out of a consent that names case_plan only', async () => {
    const snap = await refer('economic_reintegration', ['identification', 'case_summary', 'case_plan']);
    expect(snap.categories).toEqual(['case_plan', 'case_summary', 'identification']);
    expect(snap.data.case_plan.goals.map((g: any) => g.dimension)).toEqual(['economic_education']);
    const wire = JSON.stringify(snap);
    expect(wire).not.toContain(PSYCHOSOCIAL_GOAL);
    expect(wire).not.toContain(SAFETY_GOAL);
  });

  it('carries psychosocial goals only under the psychosocial category the consent names', async () => {
    const snap = await refer('psychosocial_support', ['identification', 'case_summary', 'psychosocial']);
    expect(snap.categories).toEqual(['case_summary', 'identification', 'psychosocial']);
    expect(snap.data.psychosocial.goals).toEqual([
      { dimension: 'psychosocial', goal: PSYCHOSOCIAL_GOAL, actions: [] },
    ]);
    expect(JSON.stringify(snap)).not.toContain(SAFETY_GOAL);
  });
});
