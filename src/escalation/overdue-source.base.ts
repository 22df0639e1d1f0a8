import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MAX_ESCALATION_LEVEL } from './escalation-state';
import type { OverdueItem, OverdueKey, OverdueSource } from './overdue-source';
import { OverdueSourceRegistry } from './overdue-source.registry';

/** What a source's scan reads: its table, joined to the item's case as `c`. */
export interface OverdueScan {
  /** The table of the items; it embeds EscalationState (`overdue_since`, `escalation_level`). */
  table: string;
  /** The table's alias in the SQL below. */
  alias: string;
  /** The column of the due date, the first part of the scan's keyset. */
  dueColumn: string;
  /** The select list, over the alias and `c` (case_file). */
  columns: string;
  /**
   * The rest of the table's partial index predicate, before `escalation_level < 3`: the scan
   * repeats the whole predicate, so the planner walks that index.
   */
  open: string;
}

/**
 * The shell every table-backed overdue source shares: it registers itself with the overdue scan,
 * reads its table through the partial index in (due, id) order with FOR UPDATE ... SKIP LOCKED
 * (so concurrent scans split the work), and records escalations in the embedded
 * EscalationState columns. A source says what it scans and how a row becomes an OverdueItem.
 */
@Injectable()
export abstract class TableOverdueSource<Row> implements OverdueSource, OnModuleInit {
  abstract readonly name: string;
  abstract readonly subjectType: string;
  protected abstract readonly scan: OverdueScan;

  constructor(private readonly registry: OverdueSourceRegistry) {}

  /** One scanned row as the escalation engine needs it. */
  protected abstract toItem(row: Row): OverdueItem;

  onModuleInit(): void {
    this.registry.register(this);
  }

  async findOverdue(
    m: EntityManager,
    asOf: Date,
    after: OverdueKey | null,
    limit: number,
  ): Promise<OverdueItem[]> {
    const rows: Row[] = after
      ? await m.query(this.scanSql(true), [asOf, limit, after.dueAt, after.id])
      : await m.query(this.scanSql(false), [asOf, limit]);
    return rows.map((r) => this.toItem(r));
  }

  /**
   * Raises the level and keeps the first overdue time, never lowering either. The row's version
   * is left alone: a scan is not a user edit, so nobody's open form goes stale because of it.
   */
  async markEscalated(
    m: EntityManager,
    updates: { id: string; level: number; overdueSince: Date }[],
  ): Promise<void> {
    if (!updates.length) return;
    await m.query(
      `UPDATE ${this.scan.table} t
          SET escalation_level = GREATEST(t.escalation_level, u.level),
              overdue_since = COALESCE(t.overdue_since, u.since)
         FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[]) AS u(id, level, since)
        WHERE t.id = u.id`,
      [updates.map((u) => u.id), updates.map((u) => u.level), updates.map((u) => u.overdueSince)],
    );
  }

  private scanSql(keyset: boolean): string {
    const { table, alias: a, dueColumn: due, columns, open } = this.scan;
    return `
  SELECT ${columns}
    FROM ${table} ${a} JOIN case_file c ON c.id = ${a}.case_id
   WHERE ${open} AND ${a}.escalation_level < ${MAX_ESCALATION_LEVEL} AND ${a}.${due} < $1
     ${keyset ? `AND (${a}.${due}, ${a}.id) > ($3, $4::uuid)` : ''}
   ORDER BY ${a}.${due}, ${a}.id
   LIMIT $2
   FOR UPDATE OF ${a} SKIP LOCKED`;
  }
}
