import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseFile } from '../../src/cases/case-file.entity';
import { Child } from '../../src/cases/child.entity';
import type { Agency } from '../../src/directory/agency.entity';

/**
 * Children and cases for monitoring tests, through the entities' repositories. Children carry
 * identifying and sensitive data on purpose, so tests can check it never reaches monitoring.
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

export interface CaseSpec {
  agency: Agency;
  child?: Child;
  phase?: string;
  riskLevel?: string;
  status?: 'open' | 'closed';
  openedAt?: Date;
  returnedAt?: Date;
  closedAt?: Date | null;
  closureReason?: string | null;
  assignedUserId?: string | null;
}

let seq = 0;

export async function makeCase(ds: DataSource, spec: CaseSpec): Promise<CaseFile> {
  const child = spec.child ?? (await makeChild(ds));
  const repo = ds.getRepository(CaseFile);
  const openedAt = spec.openedAt ?? new Date('2026-03-01T00:00:00Z');
  const closed = spec.status === 'closed' || !!spec.closedAt;
  return repo.save(
    repo.create({
      caseNumber: `${spec.agency.countryCode}-2026-${String(++seq).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
      countryCode: spec.agency.countryCode,
      agencyId: spec.agency.id,
      assignedUserId: spec.assignedUserId ?? null,
      childId: child.id,
      phase: closed ? 'closed' : (spec.phase ?? 'assessment'),
      status: closed ? 'closed' : 'open',
      riskLevel: spec.riskLevel ?? 'medium',
      returnedAt: spec.returnedAt ?? openedAt,
      openedAt,
      closedAt: closed ? (spec.closedAt ?? new Date('2026-05-01T00:00:00Z')) : null,
      closureReason: closed ? (spec.closureReason ?? 'goals_met') : null,
      legalBasis: 'best_interests',
    }),
  );
}

/** Many cases of one shape. */
export async function makeCases(ds: DataSource, n: number, spec: CaseSpec): Promise<CaseFile[]> {
  const out: CaseFile[] = [];
  for (let i = 0; i < n; i++) out.push(await makeCase(ds, spec));
  return out;
}

/**
 * The tables other modules own (follow-ups, referrals, cases' interview log), created with the
 * column names the monitoring providers are written against. Call before the first monitoring
 * request: the metric registry looks for them once.
 */
export async function createForeignTables(ds: DataSource): Promise<void> {
  await ds.query(`
    CREATE TABLE IF NOT EXISTS follow_up (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES case_file(id),
      status text NOT NULL,
      due_at timestamptz NOT NULL,
      overdue_since timestamptz,
      escalation_level int NOT NULL DEFAULT 0,
      outcome_notes text
    );
    CREATE TABLE IF NOT EXISTS referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES case_file(id),
      sender_agency_id uuid NOT NULL,
      recipient_agency_id uuid NOT NULL,
      status text NOT NULL,
      dispatched_at timestamptz,
      accepted_at timestamptz,
      responded_at timestamptz,
      response_due_at timestamptz,
      country_code char(2) NOT NULL,
      snapshot jsonb
    );
    CREATE TABLE IF NOT EXISTS interview (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES case_file(id),
      child_id uuid NOT NULL,
      interviewed_at timestamptz NOT NULL,
      topics text[]
    );`);
}

export async function makeFollowUp(
  ds: DataSource,
  c: CaseFile,
  f: { status?: string; dueAt: Date; overdueSince?: Date | null; escalationLevel?: number },
): Promise<void> {
  await ds.query(
    `INSERT INTO follow_up (case_id, status, due_at, overdue_since, escalation_level, outcome_notes)
     VALUES ($1, $2, $3, $4, $5, 'sensitive-outcome-note')`,
    [c.id, f.status ?? 'scheduled', f.dueAt, f.overdueSince ?? null, f.escalationLevel ?? 0],
  );
}

export async function makeReferral(
  ds: DataSource,
  c: CaseFile,
  r: {
    recipientAgencyId: string;
    status: string;
    dispatchedAt: Date;
    acceptedAt?: Date | null;
    respondedAt?: Date | null;
    responseDueAt: Date;
  },
): Promise<void> {
  await ds.query(
    `INSERT INTO referral (case_id, sender_agency_id, recipient_agency_id, status, dispatched_at, accepted_at,
                           responded_at, response_due_at, country_code, snapshot)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{"narrative": "sensitive-snapshot"}')`,
    [
      c.id,
      c.agencyId,
      r.recipientAgencyId,
      r.status,
      r.dispatchedAt,
      r.acceptedAt ?? null,
      r.respondedAt ?? r.acceptedAt ?? null,
      r.responseDueAt,
      c.countryCode,
    ],
  );
}

export async function makeInterviews(ds: DataSource, c: CaseFile, at: Date[]): Promise<void> {
  for (const t of at)
    await ds.query(
      `INSERT INTO interview (case_id, child_id, interviewed_at, topics) VALUES ($1, $2, $3, '{violence}')`,
      [c.id, c.childId, t],
    );
}
