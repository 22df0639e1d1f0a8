import { Module } from '@nestjs/common';
import { CaseCoreModule } from '../cases/public';
import { IndicatorCatalogService } from './indicator-catalog.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsPolicy } from './indicators.policy';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/** Reintegration indicators: recording, scoring and the per-case trend. */
@Module({
  imports: [CaseCoreModule],
  controllers: [IndicatorsController],
  providers: [IndicatorCatalogService, IndicatorsRepository, IndicatorsService, IndicatorsPolicy],
  exports: [IndicatorCatalogService],
})
export class IndicatorsModule {}
