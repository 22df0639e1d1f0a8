import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { CaseFile } from '../cases/case-file.entity';
import { Child } from '../cases/child.entity';
import { Consent } from '../cases/consent.entity';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { InboundSignature } from './inbound-signature.entity';
import { ReferralDelivery } from './referral-delivery.entity';
import { ReferralOutcome } from './referral-outcome.entity';
import { ReferralSnapshot } from './referral-snapshot.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import { Referral } from './referral.entity';
import { CaseReferralsController } from './case-referrals.controller';
import { InboundRawBodyHook } from './raw-body.hook';
import { ReferralAmendService } from './referral-amend.service';
import { ReferralCreateService } from './referral-create.service';
import { ReferralDeliveryProcessor } from './referral-delivery.processor';
import { ReferralDispatcher } from './referral-dispatch.service';
import { ReferralHttpSender } from './referral-http-sender';
import { ReferralInboundController } from './referral-inbound.controller';
import { ReferralInboundService } from './referral-inbound.service';
import { ReferralOverdueQuery } from './referral-overdue.query';
import { ReferralPolicy } from './referral.policy';
import { ReferralQueryService } from './referral-query.service';
import { ReferralRedeliverySweep } from './referral-redelivery.sweep';
import { ReferralResponseService } from './referral-response.service';
import { ReferralSharingRules } from './referral-sharing.service';
import { ReferralSnapshotBuilder } from './referral-snapshot.builder';
import { ReferralTransitions } from './referral-transitions.service';
import { ReferralWithdrawalListener } from './referral-withdrawal.listener';
import { ReferralWithdrawalProcessor } from './referral-withdrawal.processor';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';

/**
 * Referrals between agencies and countries. Exports ReferralOverdueQuery for the follow-up
 * module's overdue scan; publishes `referral.responded` and `referral.completed`; listens to
 * `consent.withdrawn`.
 */
@Module({
  imports: [
    AgreementsModule,
    // The core records it reads (registering an entity twice is harmless with autoLoadEntities).
    TypeOrmModule.forFeature([
      Referral,
      ReferralSnapshot,
      ReferralStatusChange,
      ReferralDelivery,
      ReferralOutcome,
      InboundSignature,
      Agency,
      AppUser,
      CaseFile,
      Child,
      Consent,
    ]),
  ],
  controllers: [ReferralInboundController, ReferralsController, CaseReferralsController],
  providers: [
    ReferralsRepository,
    ReferralPolicy,
    ReferralSharingRules,
    ReferralSnapshotBuilder,
    ReferralTransitions,
    ReferralCreateService,
    ReferralDispatcher,
    ReferralAmendService,
    ReferralResponseService,
    ReferralQueryService,
    ReferralHttpSender,
    ReferralDeliveryProcessor,
    ReferralWithdrawalListener,
    ReferralWithdrawalProcessor,
    ReferralInboundService,
    InboundRawBodyHook,
    ReferralOverdueQuery,
    ReferralRedeliverySweep,
  ],
  exports: [ReferralOverdueQuery],
})
export class ReferralsModule {}
