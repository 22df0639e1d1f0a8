import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { contentHash } from './referral-signature';
import { ReferralSnapshot } from './referral-snapshot.entity';
import { Referral } from './referral.entity';
import { ReferralsRepository } from './referrals.repository';
import { ReferralSnapshotBuilder, SnapshotContent } from './sharing/referral-snapshot.builder';

/** Freezes the allowed categories of the case into the referral's next snapshot version. */
@Injectable()
export class ReferralSnapshots {
  constructor(
    private readonly builder: ReferralSnapshotBuilder,
    private readonly repo: ReferralsRepository,
  ) {}

  /** What the next snapshot would hold (for comparing with the current one). */
  preview(m: EntityManager, r: Referral, categories: string[]): Promise<SnapshotContent> {
    return this.builder.build(m, r.caseId, categories);
  }

  async next(m: EntityManager, r: Referral, categories: string[], userId: string): Promise<ReferralSnapshot> {
    const { data } = await this.preview(m, r, categories);
    const version = r.snapshotVersion + 1;
    const snap = await this.repo.insertSnapshot(m, {
      referralId: r.id,
      version,
      categories,
      data,
      contentHash: contentHash({ categories, data }),
      createdBy: userId,
    });
    r.snapshotVersion = version;
    return snap;
  }
}
