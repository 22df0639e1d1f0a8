import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

export interface KeyRow {
  fingerprint: string;
  state: 'started' | 'completed';
  workCommitted: boolean;
  lockedUntil: Date;
  responseStatus: number | null;
  responseBody: unknown;
}

/** How long a started request holds its key before a retry may take it over (nothing committed). */
export const IDEMPOTENCY_LOCK_MS = 60_000;

/** The `idempotency_key` table: short statements of their own, outside the request's transaction. */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * Claims the key for a new request; true when this request may do the work. An expired key, or
   * one whose first request died before committing anything, is taken over.
   */
  async claim(userId: string, key: string, fingerprint: string): Promise<boolean> {
    const now = this.clock.now();
    const rows = (await this.dataSource.query(
      `INSERT INTO idempotency_key AS k
         (user_id, key, fingerprint, state, work_committed, locked_until, response_status, response_body,
          created_at, expires_at)
       VALUES ($1, $2, $3, 'started', false, $4, NULL, NULL, $5, $6)
       ON CONFLICT (user_id, key) DO UPDATE SET
         fingerprint = EXCLUDED.fingerprint, state = 'started', work_committed = false,
         locked_until = EXCLUDED.locked_until, response_status = NULL, response_body = NULL,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= EXCLUDED.created_at
          OR (k.state = 'started' AND NOT k.work_committed AND k.locked_until <= EXCLUDED.created_at
              AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [
        userId,
        key,
        fingerprint,
        new Date(now.getTime() + IDEMPOTENCY_LOCK_MS),
        now,
        new Date(now.getTime() + this.env.idempotencyTtlHours * 3_600_000),
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<KeyRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT fingerprint, state, work_committed AS "workCommitted", locked_until AS "lockedUntil",
              response_status AS "responseStatus", response_body AS "responseBody"
       FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as KeyRow[];
    return row;
  }

  /** Inside the request's write transaction: the work and this mark commit together. */
  async markCommitted(manager: EntityManager, userId: string, key: string): Promise<void> {
    await manager.query(
      `UPDATE idempotency_key SET work_committed = true
       WHERE user_id = $1 AND key = $2 AND state = 'started' AND NOT work_committed`,
      [userId, key],
    );
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET state = 'completed', response_status = $3, response_body = $4
       WHERE user_id = $1 AND key = $2`,
      [userId, key, status, body === undefined ? null : JSON.stringify(body)],
    );
  }

  /** The request failed before committing anything: a retry with the key does the work afresh. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_key
       WHERE user_id = $1 AND key = $2 AND state = 'started' AND NOT work_committed`,
      [userId, key],
    );
  }

  async purgeExpired(): Promise<number> {
    const [, affected] = (await this.dataSource.query(`DELETE FROM idempotency_key WHERE expires_at <= $1`, [
      this.clock.now(),
    ])) as [unknown, number];
    return affected;
  }
}
