import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseDataService } from '../cases/public';
import { contentHash } from './referral-signature';
import { ReferralSnapshot } from './referral-snapshot.entity';
import { Referral } from './referral.entity';
import { ReferralsRepository } from './referrals.repository';

/**
 * Freezes the allowed categories of the case into the referral's next snapshot version. Data
 * comes from CaseDataService (each category's reader), JSON round-tripped so what is stored,
 * hashed and sent are the same bytes-for-meaning.
 */
@Injectable()
export class ReferralSnapshotBuilder {
  constructor(
    private readonly caseData: CaseDataService,
    private readonly repo: ReferralsRepository,
  ) {}

  /** What the next snapshot would hold (for comparing with the current one). */
  async preview(m: EntityManager, r: Referral, categories: string[]) {
    const data = JSON.parse(JSON.stringify(await this.caseData.collect(m, r.caseId, categories))) as Record<
      string,
      unknown
    >;
    return { categories, data };
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
