import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import { defineCursor } from '../common/paging/cursor';
import { pageLimit, pageOf } from '../common/paging/page';
import { TransactionRunner } from '../database/transaction-runner';
import { CaseFile } from './case-file.entity';
import { CaseAccess } from './case-access';
import { CaseViewService } from './case-view.service';
import { CasesRepository } from './cases.repository';
import { ListCasesQuery } from './dto/case-updates.dto';

/** The case list's keyset: newest opening first, then id. */
const CASES_CURSOR = defineCursor('cases', ['instant', 'uuid']);

/** Reading cases: one case, the filtered list; every read audited with the field classes returned. */
@Injectable()
export class CaseReadService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly cases: CasesRepository,
    private readonly views: CaseViewService,
  ) {}

  get(actor: Actor, id: string) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, id, 'read');
      return this.viewAndAudit(m, actor, c, 'case.read');
    });
  }

  /** Builds the caller's view of a case and records the read (used after writes too). */
  async viewAndAudit(m: EntityManager, actor: Actor, c: CaseFile, action: string) {
    const now = this.clock.now();
    // One transaction is one connection: its queries run one after the other (pg refuses overlap).
    const child = await this.cases.childRecord(m, c);
    const reception = await this.cases.latestReception(m, c.id);
    const interviewCount = await this.cases.interviewCount(m, c.childId);
    const others = await this.cases.childCases(m, c.childId);
    const { view, classes } = this.views.forActor(actor, c, child, now, { reception, interviewCount });
    await this.audit.record(m, {
      actor,
      action,
      subjectType: 'Case',
      subjectId: c.id,
      caseId: c.id,
      fields: classes,
    });
    // The child's other cases (returned again, maybe elsewhere): operational references only,
    // each shown in that case's own access log.
    const childCases = [];
    const otherCases = others.filter((x) => x.id !== c.id);
    await this.audit.recordMany(
      m,
      otherCases.map((o) => ({
        actor,
        action: 'case.reference.read',
        subjectType: 'Case',
        subjectId: o.id,
        caseId: o.id,
        fields: ['operational'],
      })),
    );
    for (const o of otherCases) {
      childCases.push({
        caseNumber: o.caseNumber,
        countryCode: o.countryCode,
        agencyId: o.agencyId,
        status: o.status,
        returnedAt: o.returnedAt,
        openedAt: o.openedAt,
        closedAt: o.closedAt,
      });
    }
    return { ...view, childCases };
  }

  list(actor: Actor, q: ListCasesQuery) {
    return this.tx.run(async (m) => {
      await this.authz.assert(actor, 'list', 'Case');
      const now = this.clock.now();
      const limit = pageLimit(q);
      const after = CASES_CURSOR.decode(q.cursor);
      const rows = await this.cases.list(
        m,
        this.authz.ability(actor),
        {
          phase: q.phase,
          riskLevel: q.riskLevel,
          agencyId: q.agencyId,
          openedFrom: q.openedFrom ? new Date(q.openedFrom) : undefined,
          openedTo: q.openedTo ? new Date(q.openedTo) : undefined,
          overdue: q.overdue,
          after: after ? { openedAt: new Date(after[0]), id: after[1] } : undefined,
          limit,
        },
        now,
      );
      const page = pageOf(rows, limit, (last) => CASES_CURSOR.encode(last.c.openedAt, last.c.id));
      const items = page.items.map(({ c, ch }) => ({ c, ...this.views.forActor(actor, c, ch, now) }));
      const classes = [...new Set(items.flatMap((i) => i.classes))].sort();
      // Rows that carried names or sensitive data go into each child's access log; operational-only
      // pages (lead unit, analysts) are one entry, since they show nothing about a person.
      if (classes.some((k) => k !== 'operational'))
        await this.audit.recordMany(
          m,
          items.map((i) => ({
            actor,
            action: 'case.list',
            subjectType: 'Case',
            subjectId: i.c.id,
            caseId: i.c.id,
            fields: i.classes,
          })),
        );
      else await this.audit.record(m, { actor, action: 'case.list', subjectType: 'Case', fields: classes });
      return {
        items: items.map((i) => i.view),
        nextCursor: page.nextCursor,
      };
    });
  }
}
