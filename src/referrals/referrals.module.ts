import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CaseCoreModule } from '../cases/public';
import { EscalationModule } from '../escalation/escalation.module';
import { CaseReferralsController } from './case-referrals.controller';
import { InboundRawBodyHook } from './raw-body.hook';
import { ReferralAmendService } from './referral-amend.service';
import { ReferralConsentExpirySweep } from './referral-consent-expiry.sweep';
import { ReferralConsentRevocation } from './referral-consent-revocation';
import { ReferralCreateService } from './referral-create.service';
import { ReferralDeliveryProcessor } from './referral-delivery.processor';
import { ReferralDispatcher } from './referral-dispatcher';
import { ReferralHttpSender } from './referral-http-sender';
import { ReferralInboundController } from './referral-inbound.controller';
import { ReferralInboundService } from './referral-inbound.service';
import { ReferralOverdueSource } from './referral-overdue.source';
import { ReferralPolicy } from './referral.policy';
import { ReferralQueryService } from './referral-query.service';
import { ReferralRedeliverySweep } from './referral-redelivery.sweep';
import { ReferralResponseService } from './referral-response.service';
import { AgreementCoverageService } from './sharing/agreement-coverage.service';
import { ReferralSharingRules } from './sharing/referral-sharing-rules';
import { ReferralSnapshotBuilder } from './sharing/referral-snapshot.builder';
import { ReferralSnapshots } from './referral-snapshots';
import { ReferralTransitions } from './referral-transitions';
import { ReferralWithdrawalSubscriber } from './referral-withdrawal.subscriber';
import { ReferralWithdrawalProcessor } from './referral-withdrawal.processor';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';

/**
 * Referrals between agencies and countries. Registers ReferralOverdueSource with the escalation
 * engine (unanswered referrals past their deadline); publishes `referral.responded` and
 * `referral.completed`; listens to `consent.withdrawn` and sweeps expired consents alike.
 */
@Module({
  imports: [AgreementsModule, CaseCoreModule, EscalationModule],
  controllers: [ReferralInboundController, ReferralsController, CaseReferralsController],
  providers: [
    ReferralsRepository,
    ReferralPolicy,
    // sharing/: what may travel
    AgreementCoverageService,
    ReferralSharingRules,
    ReferralSnapshotBuilder,
    ReferralSnapshots,
    ReferralTransitions,
    ReferralCreateService,
    ReferralDispatcher,
    ReferralAmendService,
    ReferralResponseService,
    ReferralQueryService,
    ReferralHttpSender,
    ReferralDeliveryProcessor,
    ReferralConsentRevocation,
    ReferralWithdrawalSubscriber,
    ReferralConsentExpirySweep,
    ReferralWithdrawalProcessor,
    ReferralInboundService,
    InboundRawBodyHook,
    ReferralOverdueSource,
    ReferralRedeliverySweep,
  ],
})
export class ReferralsModule {}
