import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { coveringAgreement, CoverageRefusal, Party } from './agreement-coverage';
import { DataSharingAgreement } from './agreement.entity';
import { AgreementsRepository } from './agreements.repository';

/** What the referrals module asks of agreements: which one covers a referral, or why none does. */
@Injectable()
export class AgreementCoverageService {
  constructor(private readonly repo: AgreementsRepository) {}

  async find(
    m: EntityManager,
    sender: Party,
    recipient: Party,
    purpose: string,
    at: Date,
  ): Promise<{ agreement: DataSharingAgreement } | { refusal: CoverageRefusal }> {
    return coveringAgreement(await this.repo.between(m, sender, recipient), sender, recipient, purpose, at);
  }
}
