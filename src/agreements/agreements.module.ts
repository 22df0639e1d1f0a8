import { Module } from '@nestjs/common';
import { AgreementCoverageService } from './agreement-coverage.service';
import { AgreementPolicy } from './agreement.policy';
import { AgreementService } from './agreement.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { DirectoryModule } from '../directory/directory.module';
import { SharingVocabulary } from './sharing-vocabulary.service';

/** Data-sharing agreements (convenios) and the vocabularies that decide what may be shared. */
@Module({
  imports: [DirectoryModule],
  controllers: [AgreementsController],
  providers: [
    AgreementService,
    AgreementsRepository,
    AgreementPolicy,
    SharingVocabulary,
    AgreementCoverageService,
  ],
  exports: [AgreementCoverageService, SharingVocabulary],
})
export class AgreementsModule {}
