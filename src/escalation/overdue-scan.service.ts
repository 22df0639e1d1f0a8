import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { addDuration } from '../policy/duration';
import { PolicyService } from '../policy/policy.service';
import { DueLevel, levelsDue, LEVEL_KEYS } from './escalation-thresholds';
import { escalationKey, EscalationRow, EscalationsRepository } from './escalations.repository';
import type { OverdueItem, OverdueKey, OverdueSource } from './overdue-source';
import { OverdueSourceRegistry } from './overdue-source.registry';

export interface ScanStats {
  source: string;
  /** Items read from the source's overdue index. */
  scanned: number;
  batches: number;
  fired: { caseworker: number; supervisor: number; lead_unit: number };
  notifications: number;
}

const BATCH = 500;
/**
 * Batches of one source in flight at once, each in its own transaction on its own connection.
 * Nearly all of a batch's time is PostgreSQL writing rows (escalations, notifications with their
 * foreign-key checks, the items), so two lanes keep both cores of a small server busy.
 */
const LANES = 2;

export interface ScanOptions {
  batchSize?: number;
  lanes?: number;
}

/**
 * The overdue scan: for each registered source, keyset batches of past-due items; per batch one
 * transaction that inserts the escalation rows whose threshold has passed (ON CONFLICT DO
 * NOTHING), notifies only for rows it inserted, and records the level on the items. Up to
 * `lanes` batches run at once; their reads take turns on one keyset position, so within a scan
 * each item is read by one batch only. The job processor and the benchmark both call `scan`.
 */
@Injectable()
export class OverdueScanService {
  private readonly logger = new Logger(OverdueScanService.name);

  constructor(
    private readonly registry: OverdueSourceRegistry,
    private readonly repo: EscalationsRepository,
    private readonly notifications: NotificationsService,
    private readonly policy: PolicyService,
    private readonly tx: TransactionRunner,
  ) {}

  async scan(asOf: Date, opts: ScanOptions = {}): Promise<ScanStats[]> {
    const batchSize = opts.batchSize ?? BATCH;
    const lanes = Math.max(1, opts.lanes ?? LANES);
    const out: ScanStats[] = [];
    for (const source of this.registry.all()) out.push(await this.scanSource(source, asOf, batchSize, lanes));
    this.logger.log({ asOf: asOf.toISOString(), stats: out }, 'overdue scan done');
    return out;
  }

  private async scanSource(
    source: OverdueSource,
    asOf: Date,
    batchSize: number,
    lanes: number,
  ): Promise<ScanStats> {
    const stats: ScanStats = {
      source: source.name,
      scanned: 0,
      batches: 0,
      fired: { caseworker: 0, supervisor: 0, lead_unit: 0 },
      notifications: 0,
    };
    // The shared keyset position. A lane reads (and locks) its batch while holding `turn`, moves
    // the position past it, then writes while the next lane reads: a lane never reads rows
    // another lane of this scan holds or has already done. Other scans (another worker) are kept
    // apart by FOR UPDATE ... SKIP LOCKED and the escalation key, as before.
    let after: OverdueKey | null = null;
    let done = false;
    let turn: Promise<unknown> = Promise.resolve();
    const read = (m: EntityManager): Promise<{ from: OverdueKey | null; batch: OverdueItem[] }> => {
      const mine = turn.then(async () => {
        const from = after;
        if (done) return { from, batch: [] };
        const batch = await source.findOverdue(m, asOf, from, batchSize);
        stats.batches++;
        if (batch.length < batchSize) done = true;
        if (batch.length) after = { dueAt: batch[batch.length - 1].dueAt, id: batch[batch.length - 1].id };
        return { from, batch };
      });
      turn = mine.catch(() => undefined);
      return mine;
    };
    const lane = async (): Promise<void> => {
      while (!done) {
        // A transaction retried after a conflict reads again from where its first attempt did.
        let claim: { from: OverdueKey | null } | undefined;
        const items = await this.tx.run(async (m) => {
          let batch: OverdueItem[];
          if (claim) batch = await source.findOverdue(m, asOf, claim.from, batchSize);
          else {
            const r = await read(m);
            claim = { from: r.from };
            batch = r.batch;
          }
          if (batch.length) await this.escalateBatch(m, source, batch, asOf, stats);
          return batch;
        });
        stats.scanned += items.length;
      }
    };
    const runLane = (): Promise<void> =>
      lane().catch((e: unknown) => {
        done = true; // the other lanes finish their batch and stop
        throw e;
      });
    const results = await Promise.allSettled(Array.from({ length: lanes }, runLane));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return stats;
  }

  private async escalateBatch(
    m: EntityManager,
    source: OverdueSource,
    items: OverdueItem[],
    asOf: Date,
    stats: ScanStats,
  ): Promise<void> {
    const due: { item: OverdueItem; level: DueLevel }[] = items.flatMap((item) => {
      try {
        return levelsDue(this.policy, item.countryCode, item.dueAt, item.escalationLevel, asOf).map(
          (level) => ({ item, level }),
        );
      } catch (e) {
        // One item without a usable policy (unknown country) must not stop every item after it.
        this.logger.warn(
          { source: source.name, itemId: item.id, error: (e as Error).message },
          'item skipped',
        );
        return [];
      }
    });
    if (!due.length) return;

    const agencies = [
      ...new Set(due.filter((d) => d.level.level === 'supervisor').flatMap((d) => d.item.agencyIds)),
    ];
    const countries = [
      ...new Set(due.filter((d) => d.level.level === 'lead_unit').map((d) => d.item.countryCode)),
    ];
    const supervisors = await this.notifications.supervisorsOf(m, agencies);
    const leadUnit = await this.notifications.leadUnitOfficersOf(m, countries);
    const recipientsOf = ({ item, level }: { item: OverdueItem; level: DueLevel }): string[] => {
      const users =
        level.level === 'caseworker'
          ? item.responsibleUserIds
          : level.level === 'supervisor'
            ? item.agencyIds.flatMap((a) => supervisors.get(a) ?? [])
            : (leadUnit.get(item.countryCode) ?? []);
      return [...new Set(users)];
    };

    const rows: (EscalationRow & { users: string[]; item: OverdueItem })[] = due.map((d) => {
      const users = recipientsOf(d);
      return {
        source: source.name,
        itemId: d.item.id,
        level: d.level.level,
        caseId: d.item.caseId,
        countryCode: d.item.countryCode,
        dueAt: d.item.dueAt,
        firedAt: d.level.at,
        recipients: users.length,
        users,
        item: d.item,
      };
    });
    const inserted = await this.repo.insertNew(m, rows);
    const fresh = rows.filter((r) => inserted.has(escalationKey(r.source, r.itemId, r.level)));
    // Await first, then add: with lanes, `stats` is shared by batches in flight.
    const notified = await this.notifications.notifyMany(
      m,
      fresh.map((r) => ({
        userIds: r.users,
        content: {
          type: `${source.name}.overdue`,
          level: r.level,
          caseId: r.caseId,
          caseNumber: r.item.caseNumber,
          subjectType: source.subjectType,
          subjectId: r.itemId,
          dueAt: r.dueAt,
          data: r.item.details ?? {},
        },
      })),
      asOf,
    );
    stats.notifications += notified;
    for (const r of fresh) stats.fired[r.level as keyof ScanStats['fired']]++;

    const reached = new Map<string, { item: OverdueItem; level: number }>();
    // Levels computed above all passed their policy lookup, so the caseworker grace exists too.
    for (const d of due) {
      const cur = reached.get(d.item.id);
      if (!cur || d.level.rank > cur.level) reached.set(d.item.id, { item: d.item, level: d.level.rank });
    }
    await source.markEscalated(
      m,
      [...reached.values()].map(({ item, level }) => ({
        id: item.id,
        level,
        overdueSince: addDuration(
          item.dueAt,
          this.policy.rule<string>(item.countryCode, LEVEL_KEYS.caseworker).value,
        ),
      })),
    );
  }
}
