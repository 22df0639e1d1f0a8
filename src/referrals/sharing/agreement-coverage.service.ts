import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { coveringAgreement, CoverageRefusal, Party } from './agreement-coverage';
import { DataSharingAgreement } from '../../agreements/agreement.entity';
import { AgreementsRepository } from '../../agreements/agreements.repository';

/** Which agreement covers a referral, or why none does (the agreements between the two parties). */
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
