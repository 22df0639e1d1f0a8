import { DataSource } from 'typeorm';
import { CaseFile } from '../../src/cases/case-file.entity';

/* Rows the monitoring metrics count, written as their modules write them (cases: cases.factory.ts). */

/** A follow-up row as the follow-ups module writes it (the overdue scan sets overdue_since and the level). */
export async function makeFollowUp(
  ds: DataSource,
  c: CaseFile,
  f: { status?: string; dueAt: Date; overdueSince?: Date | null; escalationLevel?: number },
): Promise<void> {
  await ds.query(
    `INSERT INTO follow_up (case_id, type, kind, due_at, explain, responsible_agency_id, status, overdue_since,
                            escalation_level, outcome_notes, version)
     VALUES ($1, 'home_visit', 'interval', $2, 'test', $3, $4, $5, $6, 'sensitive-outcome-note', 1)`,
    [c.id, f.dueAt, c.agencyId, f.status ?? 'scheduled', f.overdueSince ?? null, f.escalationLevel ?? 0],
  );
}

/** A user of the agency to stand as a referral's sender or an interviewer. */
async function someUserOf(ds: DataSource, agencyId: string): Promise<string> {
  const [u] = await ds.query(`SELECT id FROM app_user WHERE agency_id = $1 LIMIT 1`, [agencyId]);
  if (u) return u.id;
  const [created] = await ds.query(
    `INSERT INTO app_user (agency_id, role, email, full_name, password_hash, version)
     VALUES ($1, 'caseworker', 'sender.' || gen_random_uuid() || '@example.org', 'Sender', 'x', 1) RETURNING id`,
    [agencyId],
  );
  return created.id;
}

/** A referral row as the referrals module writes it; acceptance is a response with an accepting status. */
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
  const [recipient] = await ds.query(`SELECT country_code FROM agency WHERE id = $1`, [r.recipientAgencyId]);
  await ds.query(
    `INSERT INTO referral (case_id, sender_agency_id, sender_user_id, sender_country, recipient_agency_id,
                           recipient_country, external, service_type, purpose, urgency, reason, status,
                           dispatched_at, responded_at, response_due_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, false, 'health_care', 'health_care', 'routine', 'sensitive-reason',
             $7, $8, $9, $10, 1)`,
    [
      c.id,
      c.agencyId,
      await someUserOf(ds, c.agencyId),
      c.countryCode,
      r.recipientAgencyId,
      recipient.country_code,
      r.status,
      r.dispatchedAt,
      r.respondedAt ?? r.acceptedAt ?? null,
      r.responseDueAt,
    ],
  );
}

export async function makeInterviews(ds: DataSource, c: CaseFile, at: Date[]): Promise<void> {
  const interviewer = await someUserOf(ds, c.agencyId);
  for (const t of at)
    await ds.query(
      `INSERT INTO interview (case_id, child_id, interviewer_id, conducted_at, purpose, topics)
       VALUES ($1, $2, $3, $4, 'assessment', '{violence}')`,
      [c.id, c.childId, interviewer, t],
    );
}
