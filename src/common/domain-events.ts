import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Events between modules, delivered synchronously inside the publisher's transaction, so a
 * subscriber's writes (e.g. rescheduling follow-ups when the risk level changes) commit or roll
 * back with the change. Subscribers must not call Redis or HTTP: enqueue through the outbox.
 */
export interface DomainEventMap {
  'case.registered': { caseId: string };
  'case.riskChanged': { caseId: string; from: string; to: string };
  'case.closed': { caseId: string; reason: string };
  'case.reopened': { caseId: string };
  'consent.withdrawn': { caseId: string; consentId: string };
  'assessment.approved': { caseId: string; assessmentId: string };
  'referral.responded': { referralId: string; caseId: string; status: string };
  'referral.completed': { referralId: string; caseId: string };
}
export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (event: DomainEventMap[K], manager: EntityManager) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Handler<any>[]>();

  /** Call from a subscriber's onModuleInit. */
  subscribe<K extends DomainEventName>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }

  async publish<K extends DomainEventName>(
    manager: EntityManager,
    name: K,
    event: DomainEventMap[K],
  ): Promise<void> {
    for (const h of this.handlers.get(name) ?? []) await h(event, manager);
  }
}
