import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit-trail/audit.service';
import { CaseFile, CaseLookupService } from '../cases/public';
import { Clock } from '../common/clock';
import { DomainEventMap, DomainEvents } from '../common/domain-events';
import { EscalationService } from '../escalation/escalation.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PolicyService } from '../policy/policy.service';
import { FollowUp } from './follow-up.entity';
import {
  monitoringEnd,
  planCheckpoints,
  planInterval,
  planPostClosure,
  PlannedFollowUp,
  ScheduleReason,
} from './follow-up-schedule';
import { FollowUpRecord, FollowUpsRepository } from './follow-ups.repository';

/** Closure reasons after which nobody is to be contacted again. */
const NO_FURTHER_CONTACT = new Set(['death']);

/**
 * Keeps each case's follow-ups in line with the policy: reacts to the case's life-cycle events
 * (inside the publisher's transaction) and to each recorded follow-up. All decisions for one case
 * are serialized by a per-case advisory lock.
 */
@Injectable()
export class FollowUpScheduler implements OnModuleInit {
  constructor(
    private readonly repo: FollowUpsRepository,
    private readonly cases: CaseLookupService,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly escalations: EscalationService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('case.registered', (e, m) => this.onRegistered(e, m));
    this.events.subscribe('case.riskChanged', (e, m) => this.onRiskChanged(e, m));
    this.events.subscribe('case.closed', (e, m) => this.onClosed(e, m));
    this.events.subscribe('case.reopened', (e, m) => this.onReopened(e, m));
  }

  /** First interval follow-up from registration, plus the post-return checkpoints. */
  async onRegistered(e: DomainEventMap['case.registered'], m: EntityManager): Promise<void> {
    const c = await this.lockedCase(m, e.caseId);
    if (!c || c.status === 'closed') return;
    // A redelivered event must not schedule twice.
    if ((await this.repo.countForCase(m, c.id, ['interval', 'checkpoint'])) > 0) return;
    const plans = [
      planInterval(this.policy, c, c.openedAt, 'registration'),
      ...planCheckpoints(this.policy, c, c.openedAt),
    ];
    await this.schedule(m, c, plans, 'case.registered');
  }

  /** Replaces the pending interval follow-up with one at the new risk level's interval. */
  async onRiskChanged(e: DomainEventMap['case.riskChanged'], m: EntityManager): Promise<void> {
    const c = await this.lockedCase(m, e.caseId);
    if (!c || c.status === 'closed' || e.from === e.to) return;
    const now = this.clock.now();
    await this.repo.cancelScheduled(m, c.id, ['interval'], 'risk_changed', now);
    const reason: ScheduleReason = `risk change from ${e.from} to ${e.to}`;
    await this.schedule(
      m,
      c,
      [planInterval(this.policy, { ...c, riskLevel: e.to }, now, reason)],
      'case.riskChanged',
    );
  }

  /**
   * Stops active-case follow-ups and starts post-closure monitoring. Checkpoints inside the
   * monitoring period stay; after a death nothing further is scheduled.
   */
  async onClosed(e: DomainEventMap['case.closed'], m: EntityManager): Promise<void> {
    const c = await this.lockedCase(m, e.caseId);
    if (!c) return;
    const now = this.clock.now();
    const closedAt = c.closedAt ?? now;
    if (NO_FURTHER_CONTACT.has(e.reason)) {
      await this.repo.cancelScheduled(
        m,
        c.id,
        ['interval', 'manual', 'checkpoint', 'post_closure'],
        'case_closed',
        now,
      );
      return;
    }
    await this.repo.cancelScheduled(m, c.id, ['interval', 'manual'], 'case_closed', now);
    await this.repo.cancelScheduled(
      m,
      c.id,
      ['checkpoint'],
      'case_closed',
      now,
      monitoringEnd(this.policy, c, closedAt),
    );
    if (await this.repo.hasScheduled(m, c.id, 'post_closure')) return;
    await this.schedule(m, c, planPostClosure(this.policy, c, closedAt), 'case.closed');
  }

  /** Back to active follow-up: post-closure follow-ups give way to the risk-level interval. */
  async onReopened(e: DomainEventMap['case.reopened'], m: EntityManager): Promise<void> {
    const c = await this.lockedCase(m, e.caseId);
    if (!c) return;
    const now = this.clock.now();
    await this.repo.cancelScheduled(m, c.id, ['post_closure'], 'case_reopened', now);
    if (await this.repo.hasScheduled(m, c.id, 'interval')) return;
    await this.schedule(m, c, [planInterval(this.policy, c, now, 'reopening')], 'case.reopened');
  }

  /**
   * After a follow-up is recorded: a contact (or a missed interval follow-up) starts the next
   * interval; a miss may complete a lost-contact streak. Call with the case lock held.
   */
  async afterResolution(
    m: EntityManager,
    f: FollowUpRecord,
    outcome: 'completed' | 'missed',
    at: Date,
  ): Promise<void> {
    const c = await this.cases.findCase(m, f.caseId);
    if (!c) return;
    if (c.status !== 'closed' && (outcome === 'completed' || f.kind === 'interval')) {
      await this.repo.cancelScheduled(m, c.id, ['interval'], 'rescheduled', at);
      const reason: ScheduleReason = outcome === 'completed' ? 'follow-up completion' : 'missed follow-up';
      await this.schedule(m, c, [planInterval(this.policy, c, at, reason)], `followUp.${outcome}`);
    }
    if (outcome === 'missed') await this.checkLostContact(m, c, at);
  }

  /** N consecutive misses (followUp.lostContactAfterMissed) raise one alert per streak. */
  private async checkLostContact(m: EntityManager, c: CaseFile, at: Date): Promise<void> {
    const threshold = this.policy.rule<number>(c.countryCode, 'followUp.lostContactAfterMissed').value;
    const streak = await this.repo.missedStreak(m, c.id);
    if (streak.length < threshold) return;
    const supervisors = (await this.notifications.supervisorsOf(m, [c.agencyId])).get(c.agencyId) ?? [];
    await this.escalations.raiseOnce(
      m,
      // The streak's first miss names it: a later miss in the same streak finds the alert raised.
      {
        source: 'lost_contact',
        itemId: streak[0],
        level: 'lost_contact',
        caseId: c.id,
        countryCode: c.countryCode,
        at,
      },
      [...(c.assignedUserId ? [c.assignedUserId] : []), ...supervisors],
      {
        type: 'case.lost_contact',
        caseId: c.id,
        caseNumber: c.caseNumber,
        subjectType: 'Case',
        subjectId: c.id,
        data: { missedFollowUps: streak.length },
      },
    );
  }

  private async lockedCase(m: EntityManager, caseId: string): Promise<CaseFile | null> {
    await this.repo.lockCase(m, caseId);
    return this.cases.findCase(m, caseId);
  }

  private async schedule(
    m: EntityManager,
    c: CaseFile,
    plans: PlannedFollowUp[],
    cause: string,
  ): Promise<void> {
    if (!plans.length) return;
    const rows: Partial<FollowUp>[] = plans.map((p) => ({
      ...p,
      caseId: c.id,
      responsibleUserId: c.assignedUserId,
      responsibleAgencyId: c.agencyId,
      status: 'scheduled',
    }));
    await this.repo.insert(m, rows);
    await this.audit.record(m, {
      action: 'followUp.schedule',
      subjectType: 'Case',
      subjectId: c.id,
      caseId: c.id,
      fields: ['dueAt', 'kind', 'type'],
      purpose: cause,
    });
  }
}
