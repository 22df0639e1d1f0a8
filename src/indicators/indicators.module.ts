import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndicatorCatalogService } from './indicator-catalog.service';
import { IndicatorMeasurement } from './indicator-measurement.entity';
import { IndicatorScore } from './indicator-score.entity';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsPolicy } from './indicators.policy';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/** Reintegration indicators: recording, scoring and the per-case trend. */
@Module({
  imports: [TypeOrmModule.forFeature([IndicatorMeasurement, IndicatorScore])],
  controllers: [IndicatorsController],
  providers: [IndicatorCatalogService, IndicatorsRepository, IndicatorsService, IndicatorsPolicy],
  exports: [IndicatorCatalogService],
})
export class IndicatorsModule {}
