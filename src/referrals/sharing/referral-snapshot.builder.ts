import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseDataService } from '../../cases/public';

/** What a referral snapshot holds: the categories that travel and the case's data in them. */
export interface SnapshotContent {
  categories: string[];
  data: Record<string, unknown>;
}

/**
 * Builds a snapshot's content from the allowed categories of the case. Data comes from
 * CaseDataService (each category's reader), JSON round-tripped so what is stored, hashed and
 * sent are the same bytes-for-meaning. referral-snapshots.ts freezes it as a numbered version.
 */
@Injectable()
export class ReferralSnapshotBuilder {
  constructor(private readonly caseData: CaseDataService) {}

  async build(m: EntityManager, caseId: string, categories: string[]): Promise<SnapshotContent> {
    const data = JSON.parse(JSON.stringify(await this.caseData.collect(m, caseId, categories))) as Record<
      string,
      unknown
    >;
    return { categories, data };
  }
}
