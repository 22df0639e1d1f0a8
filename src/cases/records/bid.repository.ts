import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AppUser } from '../../directory/app-user.entity';
import { BestInterestsDetermination } from './best-interests-determination.entity';
import { BidPanelMember } from './bid-panel-member.entity';

/** Queries on best-interests determinations and their panels; the BID service stays free of SQL. */
@Injectable()
export class BidRepository {
  /** The users named for a panel, with their agency (eligibility is the service's rule). */
  panelCandidates(m: EntityManager, userIds: string[]): Promise<AppUser[]> {
    return m.find(AppUser, { where: { id: In(userIds) }, relations: { agency: true } });
  }

  /** A new determination and its panel. */
  async create(
    m: EntityManager,
    bid: Pick<BestInterestsDetermination, 'caseId' | 'trigger' | 'createdBy'>,
    panel: { userId: string; panelRole: string }[],
  ): Promise<BestInterestsDetermination> {
    const saved = await m.save(m.create(BestInterestsDetermination, bid));
    await m.insert(
      BidPanelMember,
      panel.map((p) => ({ bidId: saved.id, userId: p.userId, panelRole: p.panelRole })),
    );
    return saved;
  }

  save(m: EntityManager, bid: BestInterestsDetermination): Promise<BestInterestsDetermination> {
    return m.save(bid);
  }

  /** The determination of this case, locked for update when asked. */
  find(
    m: EntityManager,
    caseId: string,
    bidId: string,
    lock = false,
  ): Promise<BestInterestsDetermination | null> {
    return m.findOne(BestInterestsDetermination, {
      where: { id: bidId, caseId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  member(m: EntityManager, bidId: string, userId: string): Promise<BidPanelMember | null> {
    return m.findOne(BidPanelMember, { where: { bidId, userId } });
  }

  saveMember(m: EntityManager, member: BidPanelMember): Promise<BidPanelMember> {
    return m.save(member);
  }

  /** Panel members who have not signed the confidentiality undertaking yet. */
  unsignedCount(m: EntityManager, bidId: string): Promise<number> {
    return m.count(BidPanelMember, { where: { bidId, undertakingSignedAt: IsNull() } });
  }

  panel(m: EntityManager, bidId: string): Promise<BidPanelMember[]> {
    return m.find(BidPanelMember, { where: { bidId } });
  }
}
