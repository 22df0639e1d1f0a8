import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseFile } from '../../src/cases/case-file.entity';
import { Child } from '../../src/cases/child.entity';
import { Consent } from '../../src/cases/records/consent.entity';
import type { Agency } from '../../src/directory/agency.entity';

/** Inserts a child and an open case at the agency (defaults: medium risk, registered today). */
export async function makeCase(
  ds: DataSource,
  agency: Agency,
  over: { child?: Partial<Child>; caseFile?: Partial<CaseFile> } = {},
): Promise<{ caseFile: CaseFile; child: Child }> {
  const child = await ds.getRepository(Child).save(
    ds.getRepository(Child).create({
      firstNames: 'Ana Lucía',
      lastNames: 'Pérez Gómez',
      dateOfBirth: '2012-04-09',
      sex: 'female',
      nationality: agency.countryCode,
      languages: ['es'],
      documents: [],
      familyContacts: [],
      searchName: 'ana gomez lucia perez',
      ...over.child,
    }),
  );
  const now = new Date();
  const caseFile = await ds.getRepository(CaseFile).save(
    ds.getRepository(CaseFile).create({
      caseNumber: `${agency.countryCode}-2026-${randomUUID().slice(0, 8)}`,
      countryCode: agency.countryCode,
      agencyId: agency.id,
      childId: child.id,
      phase: 'assessment',
      status: 'open',
      riskLevel: 'medium',
      returnedAt: now,
      openedAt: now,
      legalBasis: 'consent',
      ...over.caseFile,
    }),
  );
  return { caseFile, child };
}

/** Inserts a consent for the case (defaults: given a day ago, no expiry, case management only). */
export async function makeConsent(
  ds: DataSource,
  caseFile: CaseFile,
  over: Partial<Consent> = {},
): Promise<Consent> {
  const repo = ds.getRepository(Consent);
  return repo.save(
    repo.create({
      caseId: caseFile.id,
      givenBy: 'guardian',
      childAssent: true,
      purposes: ['case_management'],
      recipientAgencyIds: [],
      anyRecipientInCountry: false,
      dataCategories: ['identification', 'case_summary'],
      givenAt: new Date(Date.now() - 86_400_000),
      expiresAt: null,
      withdrawnAt: null,
      recordedBy: randomUUID(),
      ...over,
    }),
  );
}
