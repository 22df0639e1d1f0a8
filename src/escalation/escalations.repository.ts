import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EscalationLevel } from './escalation.entity';

export interface EscalationRow {
  source: string;
  itemId: string;
  level: EscalationLevel;
  caseId: string;
  countryCode: string;
  dueAt: Date | null;
  firedAt: Date;
  /** How many users were notified (0: e.g. no active lead-unit officer in the country). */
  recipients: number;
}

/** Escalation rows: inserted once per (source, item, level), never updated. */
@Injectable()
export class EscalationsRepository {
  /**
   * Inserts the rows that do not exist yet and returns exactly those ("source|itemId|level").
   * A concurrent transaction inserting the same key makes this one wait, then skip it.
   */
  async insertNew(manager: EntityManager, rows: EscalationRow[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted: { source: string; item_id: string; level: string }[] = await manager.query(
      `INSERT INTO escalation (source, item_id, level, case_id, country_code, due_at, fired_at, recipients)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[],
                            $7::timestamptz[], $8::int[])
       ON CONFLICT ON CONSTRAINT escalation_once_key DO NOTHING
       RETURNING source, item_id, level`,
      [
        rows.map((r) => r.source),
        rows.map((r) => r.itemId),
        rows.map((r) => r.level),
        rows.map((r) => r.caseId),
        rows.map((r) => r.countryCode),
        rows.map((r) => r.dueAt),
        rows.map((r) => r.firedAt),
        rows.map((r) => r.recipients),
      ],
    );
    return new Set(inserted.map((r) => escalationKey(r.source, r.item_id, r.level)));
  }
}

export const escalationKey = (source: string, itemId: string, level: string): string =>
  `${source}|${itemId}|${level}`;
