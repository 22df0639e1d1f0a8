import { Module } from '@nestjs/common';
import { CaseDataService } from './case-data.service';
import { CaseLookupService } from './case-lookup.service';

/**
 * What other modules may use of cases (read-only lookups, category readers for snapshots).
 * The cases feature module (controllers, workflows) builds on this; every module that reads a
 * case imports this module explicitly.
 */
@Module({
  // The core records every module reads; registering an entity twice is harmless.
  providers: [CaseLookupService, CaseDataService],
  exports: [CaseLookupService, CaseDataService],
})
export class CaseCoreModule {}
