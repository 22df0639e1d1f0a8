import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseCoreModule } from '../cases/case-core.module';
import { CaseFile } from '../cases/case-file.entity';
import { Child } from '../cases/child.entity';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { IndicatorCatalogService } from './indicator-catalog.service';
import { IndicatorMeasurement } from './indicator-measurement.entity';
import { IndicatorScore } from './indicator-score.entity';
import { IndicatorScoreMonth } from './indicator-score-month.entity';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsPolicy } from './indicators.policy';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/** Reintegration indicators: recording, scoring and the per-case trend. */
@Module({
  // The case records are read through CaseLookupService; listing them here makes sure their
  // metadata is loaded for the relation from indicator_measurement to case_file.
  imports: [
    TypeOrmModule.forFeature([
      IndicatorMeasurement,
      IndicatorScore,
      IndicatorScoreMonth,
      CaseFile,
      Child,
      Agency,
      AppUser,
    ]),
    CaseCoreModule,
  ],
  controllers: [IndicatorsController],
  providers: [IndicatorCatalogService, IndicatorsRepository, IndicatorsService, IndicatorsPolicy],
  exports: [IndicatorCatalogService],
})
export class IndicatorsModule {}
