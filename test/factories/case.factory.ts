import type { Actor } from '../../src/common/actor';
import type { TestApp } from '../harness/test-app';

/** A valid registration body; `over` replaces top-level parts, `child` merges into the child. */
export function registrationBody(
  receptionCenterId: string,
  over: Record<string, unknown> = {},
  child: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    reception: {
      receivedAt: '2026-03-01T10:00:00Z',
      receptionCenterId,
      returnedFrom: 'US',
      meansOfReturn: 'air',
      accompaniment: 'unaccompanied',
    },
    child: {
      firstNames: 'José María',
      lastNames: 'Pérez López',
      dateOfBirth: '2010-05-10',
      sex: 'male',
      nationality: 'GT',
      languages: ['es', 'quc'],
      genderIdentity: 'masculino',
      disability: 'ninguna',
      documents: [{ type: 'birth_certificate', number: 'RN-123', country: 'GT' }],
      familyContacts: [{ name: 'Ana López', relationship: 'mother', phone: '+50255550000' }],
      ...child,
    },
    protectionConcerns: ['gang_threat', 'family_separation'],
    immediateNeeds: ['food', 'family_contact'],
    legalBasis: 'vital_interests',
    riskLevel: 'medium',
    ...over,
  };
}

/** Registers a case through the API (as a new child unless `over` says otherwise) and returns the body. */
export async function registerCase(
  t: TestApp,
  actor: Actor,
  receptionCenterId: string,
  over: Record<string, unknown> = {},
  child: Record<string, unknown> = {},
): Promise<any> {
  const body = registrationBody(receptionCenterId, over, child);
  let res = await t.request('POST', '/api/v1/cases', { token: t.tokenFor(actor), body });
  if (res.status === 409 && res.body.code === 'POSSIBLE_DUPLICATES') {
    const reviewedCandidateIds = res.body.candidates.map((c: any) => c.childId);
    res = await t.request('POST', '/api/v1/cases', {
      token: t.tokenFor(actor),
      body: { ...body, duplicateCheck: { decision: 'different_child', reviewedCandidateIds } },
    });
  }
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
