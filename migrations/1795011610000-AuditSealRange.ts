import { MigrationInterface, QueryRunner } from 'typeorm';

const SEAL = (
  rangeBound: boolean,
) => `CREATE OR REPLACE FUNCTION audit_seal(ids bigint[], seqs bigint[], prevs text[], hashes text[])
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public, pg_temp SET enlace.audit_sealer = 'on' AS $$
      DECLARE n integer;${rangeBound ? '\n      lo bigint;\n      hi bigint;' : ''}
      BEGIN${rangeBound ? '\n        SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;' : ''}
        UPDATE audit_entry AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = now()
          FROM unnest(ids, seqs, prevs, hashes) AS v(id, seq, prev_hash, hash)
         WHERE a.id = v.id AND a.seq IS NULL${rangeBound ? ' AND a.id BETWEEN lo AND hi' : ''};
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN n;
      END $$`;

/**
 * `audit_seal()` bounds its join by the batch's id range. Without the bound the planner joined
 * the batch against every unsealed row (a sequential scan when most rows are unsealed, as after
 * an outage), so each batch cost grew with the backlog; with it, the join reads the batch's
 * range of the unsealed index only. Same signature, owner and grants (CREATE OR REPLACE).
 */
export class AuditSealRange1795011610000 implements MigrationInterface {
  name = 'AuditSealRange1795011610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(SEAL(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(SEAL(false));
  }
}
