import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppAbility } from '../authz/ability';
import { applyAbility } from '../authz/casl-sql';
import { defineCursor } from '../common/paging/cursor';
import { Page, pageOf } from '../common/paging/page';
import { ReferralDelivery } from './referral-delivery.entity';
import { unansweredSql } from './referral-lifecycle';
import { ReferralOutcome } from './referral-outcome.entity';
import { ReferralSnapshot } from './referral-snapshot.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import { Referral } from './referral.entity';

/** Policy fields → columns of the `r` alias and its case `c`, for applyAbility. */
export const REFERRAL_COLUMNS = {
  'case.assignedUserId': 'c.assigned_user_id',
  'case.agencyId': 'c.agency_id',
  senderAgencyId: 'r.sender_agency_id',
  recipientAgencyId: 'r.recipient_agency_id',
  status: 'r.status',
  external: 'r.external',
  accessRevokedAt: 'r.access_revoked_at',
};

export interface ReferralListFilter {
  box: 'inbox' | 'outbox';
  agencyId: string;
  status?: string[];
  urgency?: string;
  serviceType?: string;
  caseId?: string;
  overdueAt?: Date;
  createdFrom?: Date;
  createdTo?: Date;
  limit: number;
  cursor?: string;
}

/** Every referral list is newest first: creation (millisecond column), then id. */
const CURSORS = {
  inbox: defineCursor('referrals.inbox', ['instant', 'uuid']),
  outbox: defineCursor('referrals.outbox', ['instant', 'uuid']),
  case: defineCursor('referrals.case', ['instant', 'uuid']),
};

/** The SQL of referrals, their snapshots, history, deliveries and outcomes. */
@Injectable()
export class ReferralsRepository {
  /** One referral with the fields of its case that the policy names (`case.*`). */
  findById(m: EntityManager, id: string): Promise<Referral | null> {
    return this.withCase(m).where('r.id = :id', { id }).getOne();
  }

  /** Reads the referral (as findById) and locks it until the transaction ends: transitions are serialized. */
  lock(m: EntityManager, id: string): Promise<Referral | null> {
    return this.withCase(m)
      .where('r.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['r'])
      .getOne();
  }

  private withCase(m: EntityManager): SelectQueryBuilder<Referral> {
    return m
      .createQueryBuilder(Referral, 'r')
      .innerJoin('r.case', 'c')
      .addSelect(['c.id', 'c.assignedUserId', 'c.agencyId']);
  }

  insert(m: EntityManager, r: Partial<Referral>): Promise<Referral> {
    return m.save(Referral, m.create(Referral, r));
  }

  save(m: EntityManager, r: Referral): Promise<Referral> {
    return m.save(Referral, r);
  }

  insertSnapshot(m: EntityManager, s: Partial<ReferralSnapshot>): Promise<ReferralSnapshot> {
    return m.save(ReferralSnapshot, m.create(ReferralSnapshot, s));
  }

  snapshot(m: EntityManager, referralId: string, version: number): Promise<ReferralSnapshot | null> {
    return m.findOne(ReferralSnapshot, { where: { referralId, version } });
  }

  insertHistory(m: EntityManager, h: Partial<ReferralStatusChange>): Promise<unknown> {
    return m.insert(ReferralStatusChange, h);
  }

  history(m: EntityManager, referralId: string): Promise<ReferralStatusChange[]> {
    return m.find(ReferralStatusChange, { where: { referralId }, order: { id: 'ASC' } });
  }

  /** Records a delivery once: false when the idempotency key was already used. */
  async insertDelivery(m: EntityManager, d: Partial<ReferralDelivery>): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .insert()
      .into(ReferralDelivery)
      .values(d)
      .orIgnore()
      .returning('id')
      .execute();
    return res.raw.length > 0;
  }

  findDelivery(m: EntityManager, idempotencyKey: string): Promise<ReferralDelivery | null> {
    return m.findOne(ReferralDelivery, { where: { idempotencyKey } });
  }

  insertOutcome(m: EntityManager, o: Partial<ReferralOutcome>): Promise<unknown> {
    return m.insert(ReferralOutcome, o);
  }

  /** Dispatched, never delivered, untouched since `cutoff`: their delivery job may be lost. */
  staleDispatched(m: EntityManager, cutoff: Date, limit: number): Promise<Referral[]> {
    return m
      .createQueryBuilder(Referral, 'r')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where("r.status = 'dispatched'")
      .andWhere('r.updated_at < :cutoff', { cutoff })
      .andWhere(
        "NOT EXISTS (SELECT 1 FROM referral_delivery d WHERE d.referral_id = r.id AND d.kind = 'referral' AND d.snapshot_version = r.snapshot_version)",
      )
      .orderBy('r.updated_at')
      .limit(limit)
      .getMany();
  }

  /** Marks the referral as looked at, so the sweep does not pick it again at once. */
  touch(m: EntityManager, id: string, at: Date): Promise<unknown> {
    return m.query('UPDATE referral SET updated_at = $1 WHERE id = $2', [at, id]);
  }

  /** Referrals relying on a consent whose access is not revoked yet, locked for update. */
  relyingOnConsent(m: EntityManager, consentId: string): Promise<Referral[]> {
    return m
      .createQueryBuilder(Referral, 'r')
      .setLock('pessimistic_write')
      .where('r.consent_id = :consentId', { consentId })
      .andWhere('r.access_revoked_at IS NULL')
      .getMany();
  }

  /**
   * Consents past their `expiresAt` (at `at`) that referrals still rely on with access standing,
   * soonest expired first.
   */
  expiredConsents(
    m: EntityManager,
    at: Date,
    limit: number,
  ): Promise<{ consentId: string; expiresAt: Date }[]> {
    return m.query(
      `SELECT c.id AS "consentId", c.expires_at AS "expiresAt"
         FROM consent c
        WHERE c.expires_at <= $1
          AND EXISTS (SELECT 1 FROM referral r WHERE r.consent_id = c.id AND r.access_revoked_at IS NULL)
        ORDER BY c.expires_at, c.id
        LIMIT $2`,
      [at, limit],
    );
  }

  /** An inbox or outbox page, filtered in SQL by the caller's ability, newest first. */
  async list(m: EntityManager, ability: AppAbility, f: ReferralListFilter): Promise<Page<Referral>> {
    const codec = CURSORS[f.box];
    const after = codec.decode(f.cursor);
    const qb = m.createQueryBuilder(Referral, 'r').innerJoin('r.case', 'c');
    applyAbility(qb, ability, 'list', 'Referral', REFERRAL_COLUMNS);
    qb.andWhere(f.box === 'inbox' ? 'r.recipient_agency_id = :agency' : 'r.sender_agency_id = :agency', {
      agency: f.agencyId,
    });
    if (f.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: f.status });
    if (f.urgency) qb.andWhere('r.urgency = :urgency', { urgency: f.urgency });
    if (f.serviceType) qb.andWhere('r.service_type = :serviceType', { serviceType: f.serviceType });
    if (f.caseId) qb.andWhere('r.case_id = :caseId', { caseId: f.caseId });
    if (f.overdueAt)
      qb.andWhere(`${unansweredSql('r')} AND r.response_due_at < :overdueAt`, {
        overdueAt: f.overdueAt,
      });
    if (f.createdFrom) qb.andWhere('r.created_at >= :createdFrom', { createdFrom: f.createdFrom });
    if (f.createdTo) qb.andWhere('r.created_at < :createdTo', { createdTo: f.createdTo });
    if (after)
      qb.andWhere('(r.created_at, r.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: after[0],
        afterId: after[1],
      });
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(f.limit + 1)
      .getMany();
    return pageOf(rows, f.limit, (last) => codec.encode(last.createdAt, last.id));
  }

  /** A page of a case's referrals (ability-filtered) with their outcomes, newest first. */
  async forCase(
    m: EntityManager,
    ability: AppAbility,
    caseId: string,
    page: { cursor?: string; limit: number },
  ): Promise<Page<Referral & { outcomeRecord?: ReferralOutcome }>> {
    const after = CURSORS.case.decode(page.cursor);
    const qb = m.createQueryBuilder(Referral, 'r').innerJoin('r.case', 'c');
    applyAbility(qb, ability, 'listForCase', 'Referral', REFERRAL_COLUMNS);
    qb.andWhere('r.case_id = :caseId', { caseId });
    if (after)
      qb.andWhere('(r.created_at, r.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: after[0],
        afterId: after[1],
      });
    const rows: (Referral & { outcomeRecord?: ReferralOutcome })[] = await qb
      .leftJoinAndMapOne('r.outcomeRecord', ReferralOutcome, 'o', 'o.referral_id = r.id')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return pageOf(rows, page.limit, (last) => CURSORS.case.encode(last.createdAt, last.id));
  }
}
