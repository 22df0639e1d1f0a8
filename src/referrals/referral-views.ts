import type { ReferralSnapshot } from './referral-snapshot.entity';
import type { ReferralStatusChange } from './referral-status-change.entity';
import type { Referral } from './referral.entity';
import { ACTIVE_STATUSES } from './referral-lifecycle';

/** What the sending agency sees of its referral (operational fields; no case data). */
export function senderView(r: Referral) {
  return {
    id: r.id,
    caseId: r.caseId,
    status: r.status,
    statusReason: r.statusReason,
    outcome: r.outcome,
    serviceType: r.serviceType,
    purpose: r.purpose,
    urgency: r.urgency,
    reason: r.reason,
    senderAgencyId: r.senderAgencyId,
    senderUserId: r.senderUserId,
    recipientAgencyId: r.recipientAgencyId,
    recipientCountry: r.recipientCountry,
    external: r.external,
    consentId: r.consentId,
    overrideBasis: r.overrideBasis,
    agreementId: r.agreementId,
    snapshotVersion: r.snapshotVersion,
    accessRevoked: r.accessRevokedAt !== null,
    dispatchedAt: r.dispatchedAt,
    deliveredAt: r.deliveredAt,
    respondedAt: r.respondedAt,
    completedAt: r.completedAt,
    responseDueAt: r.responseDueAt,
    responseDueExplain: r.responseDueExplain,
    externalReference: r.externalReference,
    createdAt: r.createdAt,
    version: r.version,
  };
}

/**
 * What the receiving agency sees: the referral's terms, never the sender's case id, consent or
 * user. The child's data is only in the snapshot.
 */
export function recipientView(r: Referral) {
  return {
    id: r.id,
    status: r.status,
    statusReason: r.statusReason,
    outcome: r.outcome,
    serviceType: r.serviceType,
    purpose: r.purpose,
    urgency: r.urgency,
    reason: r.reason,
    senderAgencyId: r.senderAgencyId,
    senderCountry: r.senderCountry,
    recipientAgencyId: r.recipientAgencyId,
    legalBasis: r.overrideBasis ?? 'consent',
    snapshotVersion: r.snapshotVersion,
    snapshotAvailable: ACTIVE_STATUSES.includes(r.status) && r.accessRevokedAt === null,
    dispatchedAt: r.dispatchedAt,
    deliveredAt: r.deliveredAt,
    respondedAt: r.respondedAt,
    completedAt: r.completedAt,
    responseDueAt: r.responseDueAt,
    createdAt: r.createdAt,
    version: r.version,
  };
}

export function snapshotView(s: ReferralSnapshot) {
  return {
    referralId: s.referralId,
    version: s.version,
    categories: s.categories,
    contentHash: s.contentHash,
    createdAt: s.createdAt,
    data: s.data,
  };
}

export function historyView(h: ReferralStatusChange) {
  return {
    from: h.fromStatus,
    to: h.toStatus,
    reason: h.reason,
    source: h.source,
    actorAgencyId: h.actorAgencyId,
    occurredAt: h.occurredAt,
  };
}
