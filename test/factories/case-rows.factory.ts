import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseFile } from '../../src/cases/case-file.entity';
import { Child } from '../../src/cases/child.entity';
import { DomainEventMap, DomainEventName, DomainEvents } from '../../src/common/domain-events';
import type { Agency } from '../../src/directory/agency.entity';

let seq = 0;

/**
 * Inserts a child and an open case at the agency (rows only: the cases module's workflows are
 * not involved). Defaults: high risk, returned and opened on 2026-11-02.
 */
export async function makeCaseRow(
  ds: DataSource,
  agency: Agency,
  over: Partial<CaseFile> = {},
): Promise<CaseFile> {
  const child = await ds.getRepository(Child).save(
    ds.getRepository(Child).create({
      firstNames: 'Ana',
      lastNames: 'Prueba',
      sex: 'female',
      nationality: agency.countryCode,
      searchName: 'ana prueba',
    }),
  );
  const returnedAt = over.returnedAt ?? new Date('2026-11-02T09:00:00Z');
  const repo = ds.getRepository(CaseFile);
  return repo.save(
    repo.create({
      caseNumber: `${agency.countryCode}-2026-${String(++seq).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
      countryCode: agency.countryCode,
      agencyId: agency.id,
      assignedUserId: null,
      childId: child.id,
      phase: 'follow_up',
      status: 'open',
      riskLevel: 'high',
      returnedAt,
      openedAt: returnedAt,
      legalBasis: 'legal_obligation',
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
