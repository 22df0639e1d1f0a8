import { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import type { Agency } from '../../src/directory/agency.entity';
import { makeCase, makeConsent } from '../factories/cases.factory';
import { makeActor, makeAgency } from '../factories/directory.factory';
import { makeAgreement } from '../factories/referrals.factory';
import type { TestApp } from '../harness/test-app';

/**
 * A Guatemalan reception centre referring a child to a health agency: the sender's caseworker
 * (assigned to the case) and supervisor, the recipient's focal point, a case whose child has sensitive data, a consent for
 * health care naming the recipient, and an agreement between the two.
 */
export async function referralScenario(t: TestApp, opts: { recipient?: Partial<Agency> } = {}) {
  const ds: DataSource = t.dataSource;
  const sender = await makeAgency(ds, { countryCode: 'GT', type: 'reception_center' });
  const recipient = await makeAgency(ds, {
    countryCode: 'GT',
    type: 'health',
    services: ['health_care', 'psychosocial_support'],
    ...opts.recipient,
  });
  const caseworker = await makeActor(ds, Role.Caseworker, sender);
  const supervisor = await makeActor(ds, Role.Supervisor, sender);
  const focal = await makeActor(ds, Role.ReferralFocalPoint, recipient);
  const caseFile = await makeCase(ds, sender, {
    assignedUserId: caseworker.userId,
    legalBasis: 'consent',
    child: {
      firstNames: 'Ana Lucía',
      lastNames: 'Pérez Gómez',
      dateOfBirth: '2012-04-09',
      sex: 'female',
      languages: ['es'],
      searchName: 'ana gomez lucia perez',
      disability: 'hipoacusia moderada',
      genderIdentity: 'no binario',
      familyContacts: [{ name: 'María Gómez', relationship: 'madre', phone: '+502 5555 0101' }],
      documents: [{ type: 'passport', number: 'P1234567' }],
    },
  });
  const { child } = caseFile;
  const consent = await makeConsent(ds, caseFile, {
    purposes: ['health_care'],
    recipientAgencyIds: [recipient.id],
    dataCategories: ['identification', 'case_summary', 'health'],
  });
  const agreement = await makeAgreement(ds, [sender, recipient]);
  const token = (a: Actor) => t.tokenFor(a);
  const body = (over: Record<string, unknown> = {}) => ({
    caseId: caseFile.id,
    recipientAgencyId: recipient.id,
    serviceType: 'health_care',
    purpose: 'health_care',
    urgency: 'priority',
    reason: 'Evaluación auditiva y seguimiento médico',
    consentId: consent.id,
    ...over,
  });
  return {
    ds,
    sender,
    recipient,
    caseworker,
    supervisor,
    focal,
    caseFile,
    child,
    consent,
    agreement,
    token,
    body,
  };
}
