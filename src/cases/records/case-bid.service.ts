import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { Role } from '../../common/role';
import { AuditService } from '../../audit-trail/audit.service';
import { AuthzService } from '../../authz/authz.service';
import { Clock } from '../../common/clock';
import { CommonErrors } from '../../common/errors/common.errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { BestInterestsDetermination } from './best-interests-determination.entity';
import { BidRepository } from './bid.repository';
import { assertVersion, CaseAccess } from '../case-access';
import { CaseErrors, issue } from '../case.errors';
import { CasesRepository } from '../cases.repository';
import { BidDecisionDto, BidReviewDto, CreateBidDto } from './case-records.dto';

const PANEL_ROLES: string[] = [Role.Caseworker, Role.Supervisor];

/**
 * Best-interests determination: the case team convenes a panel; each member signs a
 * confidentiality undertaking before any access; the panel records the decision with its
 * reasons and a gender and diversity perspective; the supervisor reviews it (confirm or reopen).
 */
@Injectable()
export class CaseBidService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly cases: CasesRepository,
    private readonly bids: BidRepository,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateBidDto) {
    return this.tx.run(async (m) => {
      const c = await this.access.load(m, actor, caseId, 'bid', { open: true, audit: 'bid.create' });
      const ids = dto.panel.map((p) => p.userId);
      const users = await this.bids.panelCandidates(m, ids);
      const ok = new Map(
        users
          .filter((u) => u.active && PANEL_ROLES.includes(u.role) && u.agency?.countryCode === c.countryCode)
          .map((u) => [u.id, u]),
      );
      const issues = dto.panel
        .map((p, i) => ({ p, i }))
        .filter(({ p, i }) => !ok.has(p.userId) || ids.indexOf(p.userId) !== i)
        .map(({ i }) =>
          issue(
            `panel.${i}.userId`,
            'notEligible',
            'Miembro no elegible o repetido.',
            'Member not eligible or repeated.',
          ),
        );
      if (issues.length) throw CommonErrors.VALIDATION_FAILED({}, issues);
      const bid = await this.bids.create(
        m,
        { caseId: c.id, trigger: dto.trigger, createdBy: actor.userId },
        dto.panel,
      );
      await this.write(m, actor, bid, 'bid.create', ['operational']);
      return this.present(m, bid);
    });
  }

  sign(actor: Actor, caseId: string, bidId: string) {
    return this.tx.run(async (m) => {
      const bid = await this.findBid(m, caseId, bidId);
      const member = await this.bids.member(m, bidId, actor.userId);
      if (!member) {
        await this.authz.denied(actor, 'sign', 'BestInterestsDetermination', {
          subjectId: bidId,
          caseId,
          action: 'bid.undertaking.sign',
        });
        throw CaseErrors.NOT_A_PANEL_MEMBER();
      }
      if (!member.undertakingSignedAt) {
        member.undertakingSignedAt = this.clock.now();
        await this.bids.saveMember(m, member);
        await this.write(m, actor, bid, 'bid.undertaking.sign', ['operational']);
      }
      return { bidId, userId: actor.userId, undertakingSignedAt: member.undertakingSignedAt };
    });
  }

  get(actor: Actor, caseId: string, bidId: string) {
    return this.tx.run(async (m) => {
      const bid = await this.authorizeRead(m, actor, caseId, bidId);
      await this.write(m, actor, bid, 'bid.read', ['operational', 'sensitive']);
      return this.present(m, bid);
    });
  }

  decide(actor: Actor, caseId: string, bidId: string, dto: BidDecisionDto) {
    return this.tx.run(async (m) => {
      const bid = await this.signedMember(m, actor, caseId, bidId, true);
      assertVersion(bid.version, dto.version);
      if (!['convened', 'reopened'].includes(bid.status))
        throw CaseErrors.INVALID_STATE({ status: bid.status });
      const unsigned = await this.bids.unsignedCount(m, bidId);
      if (unsigned) throw CaseErrors.BID_PANEL_INCOMPLETE();
      Object.assign(bid, {
        status: 'decided',
        decision: dto.decision,
        reasons: dto.reasons,
        genderDiversityPerspective: dto.genderDiversityPerspective,
        decidedAt: this.clock.now(),
        decidedBy: actor.userId,
      });
      const saved = await this.bids.save(m, bid);
      await this.write(m, actor, saved, 'bid.decide', ['operational', 'sensitive']);
      return this.present(m, saved);
    });
  }

  review(actor: Actor, caseId: string, bidId: string, dto: BidReviewDto) {
    return this.tx.run(async (m) => {
      await this.access.load(m, actor, caseId, 'approve', { open: true, audit: `bid.review.${dto.outcome}` });
      const bid = await this.findBid(m, caseId, bidId, true);
      assertVersion(bid.version, dto.version);
      if (bid.status !== 'decided') throw CaseErrors.INVALID_STATE({ status: bid.status });
      Object.assign(bid, {
        status: dto.outcome === 'confirm' ? 'confirmed' : 'reopened',
        reviewOutcome: dto.outcome,
        reviewReason: dto.reason,
        reviewedAt: this.clock.now(),
        reviewedBy: actor.userId,
      });
      const saved = await this.bids.save(m, bid);
      await this.write(m, actor, saved, `bid.review.${dto.outcome}`, ['operational', 'sensitive']);
      return this.present(m, saved);
    });
  }

  /** Panel members read after signing; the case team reads through the case's policy. */
  private async authorizeRead(m: EntityManager, actor: Actor, caseId: string, bidId: string) {
    const member = await this.bids.member(m, bidId, actor.userId);
    if (member) return this.signedMember(m, actor, caseId, bidId, false);
    await this.access.load(m, actor, caseId, 'readRecords', { audit: 'bid.read' });
    return this.findBid(m, caseId, bidId);
  }

  private async signedMember(m: EntityManager, actor: Actor, caseId: string, bidId: string, lock: boolean) {
    const c = await this.cases.find(m, caseId);
    if (!c) throw CaseErrors.CASE_NOT_FOUND();
    const member = await this.bids.member(m, bidId, actor.userId);
    if (!member) {
      await this.authz.denied(actor, 'decide', 'BestInterestsDetermination', {
        subjectId: bidId,
        caseId,
        action: 'bid.decide',
      });
      throw CaseErrors.NOT_A_PANEL_MEMBER();
    }
    if (!member.undertakingSignedAt) {
      await this.authz.denied(actor, 'read', 'BestInterestsDetermination', {
        subjectId: bidId,
        caseId,
        action: lock ? 'bid.decide' : 'bid.read',
      });
      throw CaseErrors.BID_UNDERTAKING_REQUIRED();
    }
    return this.findBid(m, caseId, bidId, lock);
  }

  private async findBid(m: EntityManager, caseId: string, bidId: string, lock = false) {
    const bid = await this.bids.find(m, caseId, bidId, lock);
    if (!bid) throw CaseErrors.RECORD_NOT_FOUND();
    return bid;
  }

  private async present(m: EntityManager, bid: BestInterestsDetermination) {
    const panel = await this.bids.panel(m, bid.id);
    return {
      ...bid,
      panel: panel.map((p) => ({
        userId: p.userId,
        panelRole: p.panelRole,
        undertakingSignedAt: p.undertakingSignedAt,
      })),
    };
  }

  private write(
    m: EntityManager,
    actor: Actor,
    bid: BestInterestsDetermination,
    action: string,
    fields: string[],
  ) {
    return this.audit.record(m, {
      actor,
      action,
      subjectType: 'BestInterestsDetermination',
      subjectId: bid.id,
      caseId: bid.caseId,
      fields,
    });
  }
}
