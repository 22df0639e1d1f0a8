import { Module } from '@nestjs/common';
import { AgreementPolicy } from './agreement.policy';
import { AgreementService } from './agreement.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { DirectoryModule } from '../directory/directory.module';
import { SharingVocabulary } from './sharing-vocabulary';

/** Data-sharing agreements (convenios) and the vocabularies that decide what may be shared. */
@Module({
  imports: [DirectoryModule],
  controllers: [AgreementsController],
  providers: [AgreementService, AgreementsRepository, AgreementPolicy, SharingVocabulary],
  // The repository answers referrals/sharing's coverage check (which agreements bind two parties).
  exports: [AgreementsRepository, SharingVocabulary],
})
export class AgreementsModule {}
