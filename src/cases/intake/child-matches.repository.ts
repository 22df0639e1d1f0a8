import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface MatchCriteria {
  searchName: string;
  nationality?: string;
  dobFrom?: string;
  dobTo?: string;
  /** Target date of birth (exact or estimated); scoring compares its year only. */
  dob?: string;
  limit: number;
}

export interface MatchRow {
  child_id: string;
  sex: string;
  nationality: string;
  date_of_birth: string | null;
  name_score: number;
  score: number;
  case_count: number;
  last_received_at: Date | null;
}

/** Similarity below which names are not considered the same child (pg_trgm, 0..1). */
export const NAME_THRESHOLD = 0.45;

/**
 * Fuzzy search of children by normalized name (GIN trigram index, `%` operator), narrowed by
 * nationality and a date-of-birth window. The date counts by birth year only (same year, one
 * year apart), so no score moves with the day a caller guesses. Needs a transaction (SET LOCAL).
 */
@Injectable()
export class ChildMatchesRepository {
  async search(m: EntityManager, c: MatchCriteria): Promise<MatchRow[]> {
    await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(NAME_THRESHOLD)]);
    return m.query(
      `SELECT ch.id AS child_id, ch.sex, ch.nationality, ch.date_of_birth::text AS date_of_birth,
              s.name_score,
              round((0.7 * s.name_score
                + 0.2 * CASE WHEN $5::date IS NULL OR ch.date_of_birth IS NULL THEN 0.5
                             ELSE greatest(0, 1 - abs(extract(year FROM ch.date_of_birth)
                                                      - extract(year FROM $5::date)) / 2.0) END
                + 0.1 * CASE WHEN $2::char(2) IS NULL THEN 0.5 WHEN ch.nationality = $2 THEN 1 ELSE 0 END
              )::numeric, 3)::float AS score,
              (SELECT count(*)::int FROM case_file cf WHERE cf.child_id = ch.id) AS case_count,
              (SELECT max(r.received_at) FROM reception_event r WHERE r.child_id = ch.id) AS last_received_at
         FROM child ch
        CROSS JOIN LATERAL (SELECT similarity(ch.search_name, $1)::float AS name_score) s
        WHERE ch.search_name % $1
          AND ($2::char(2) IS NULL OR ch.nationality = $2)
          AND ($3::date IS NULL OR ch.date_of_birth IS NULL OR ch.date_of_birth BETWEEN $3::date AND $4::date)
        ORDER BY score DESC, ch.id
        LIMIT $6`,
      [c.searchName, c.nationality ?? null, c.dobFrom ?? null, c.dobTo ?? null, c.dob ?? null, c.limit],
    );
  }
}
