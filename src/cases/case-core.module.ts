import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { CaseFile } from './case-file.entity';
import { Child } from './child.entity';
import { Consent } from './consent.entity';
import { LinkedChildRecord } from './linked-child-record.entity';
import { CaseDataService } from './case-data.service';
import { CaseLookupService } from './case-lookup.service';

/**
 * What other modules may use of cases (read-only lookups, category readers for snapshots).
 * The cases feature module (controllers, workflows) builds on this; every module that reads a
 * case imports this module explicitly.
 */
@Module({
  // The core records every module reads; registering an entity twice is harmless.
  imports: [TypeOrmModule.forFeature([CaseFile, Child, LinkedChildRecord, Consent, Agency, AppUser])],
  providers: [CaseLookupService, CaseDataService],
  exports: [CaseLookupService, CaseDataService],
})
export class CaseCoreModule {}
