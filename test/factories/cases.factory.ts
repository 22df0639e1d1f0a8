import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseFile } from '../../src/cases/case-file.entity';
import { Child } from '../../src/cases/child.entity';
import { Consent } from '../../src/cases/records/consent.entity';
import { DomainEventMap, DomainEventName, DomainEvents } from '../../src/common/domain-events';
import type { Agency } from '../../src/directory/agency.entity';

/**
 * Inserts a child. Its identifying and sensitive fields carry data on purpose (tagged to stay
 * unique), so tests can check it never reaches where it must not: logs, audit, monitoring.
 */
export async function makeChild(ds: DataSource, over: Partial<Child> = {}): Promise<Child> {
  const repo = ds.getRepository(Child);
  const tag = randomUUID().slice(0, 6);
  return repo.save(
    repo.create({
      firstNames: `Zacarías${tag}`,
      lastNames: `Quetzal${tag}`,
      dateOfBirth: '2011-03-15',
      sex: 'male',
      nationality: 'GT',
      genderIdentity: 'sensitive-gender-identity',
      disability: 'sensitive-disability-note',
      documents: [{ type: 'passport', number: `DOC${tag}` }],
      familyContacts: [{ name: `Madre${tag}`, relationship: 'mother', phone: '+502 5555 0000' }],
      searchName: `quetzal zacarias ${tag}`,
      ...over,
    }),
  );
}

/** Case fields to set, and the child: an existing one (saved, with an id) or fields for a new one. */
export type CaseOver = Partial<Omit<CaseFile, 'child'>> & { child?: Child | Partial<Child> };

let seq = 0;

/**
 * The test suite's one case factory: inserts a case at the agency as rows (the cases module's
 * workflows are not involved), with a new child of the agency's country unless `over.child` is a
 * saved one. Defaults: open, in assessment, medium risk, returned and opened on 2026-03-01,
 * unassigned. A closed case (`status: 'closed'` or a `closedAt`) is in the closed phase, closed on
 * 2026-05-01 with goals met unless said otherwise. The case is returned with its child.
 */
export async function makeCase(
  ds: DataSource,
  agency: Agency,
  over: CaseOver = {},
): Promise<CaseFile & { child: Child }> {
  const { child: childOver, ...fields } = over;
  const child =
    childOver && 'id' in childOver && childOver.id
      ? (childOver as Child)
      : await makeChild(ds, { nationality: agency.countryCode, ...childOver });
  const closed = fields.status === 'closed' || !!fields.closedAt;
  const openedAt = fields.openedAt ?? new Date('2026-03-01T00:00:00Z');
  const repo = ds.getRepository(CaseFile);
  const caseFile = await repo.save(
    repo.create({
      caseNumber: `${agency.countryCode}-2026-${String(++seq).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
      countryCode: agency.countryCode,
      agencyId: agency.id,
      assignedUserId: null,
      childId: child.id,
      phase: closed ? 'closed' : 'assessment',
      status: closed ? 'closed' : 'open',
      riskLevel: 'medium',
      returnedAt: openedAt,
      legalBasis: 'best_interests',
      ...fields,
      openedAt,
      ...(closed
        ? {
            closedAt: fields.closedAt ?? new Date('2026-05-01T00:00:00Z'),
            closureReason: fields.closureReason ?? 'goals_met',
          }
        : {}),
    }),
  );
  return Object.assign(caseFile, { child });
}

/** Many cases of one shape, each with its own new child. */
export async function makeCases(
  ds: DataSource,
  n: number,
  agency: Agency,
  over: Omit<CaseOver, 'child'> = {},
): Promise<CaseFile[]> {
  const out: CaseFile[] = [];
  for (let i = 0; i < n; i++) out.push(await makeCase(ds, agency, over));
  return out;
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

/** Publishes a case event the way the cases module does: inside a transaction, optionally with a change. */
export async function publishCaseEvent<K extends DomainEventName>(
  ds: DataSource,
  events: DomainEvents,
  name: K,
  event: DomainEventMap[K],
  change?: Partial<CaseFile> & { id: string },
): Promise<void> {
  await ds.transaction(async (m) => {
    if (change) await m.update(CaseFile, { id: change.id }, change);
    await events.publish(m, name, event);
  });
}
