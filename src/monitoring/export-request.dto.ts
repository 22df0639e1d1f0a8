import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { MonitoringItemsFilterDto } from './monitoring-query.dto';

/** A CSV export to build in the background (any size or period). */
export class ExportRequestDto extends MonitoringItemsFilterDto {
  @ApiProperty({ example: 'open-cases', description: 'A metric name or `overview`' })
  @IsIn([
    'overview',
    'open-cases',
    'overdue-follow-ups',
    'referrals',
    'closures',
    'interviews',
    'indicator-scores',
  ])
  metric: string;

  @ApiPropertyOptional({ enum: ['national', 'regional'], default: 'national' })
  @IsOptional()
  @IsIn(['national', 'regional'])
  view?: 'national' | 'regional';

  @ApiPropertyOptional({ description: 'The drill-down list instead of the aggregates (national only)' })
  @IsOptional()
  @IsBoolean()
  items?: boolean;

  @ApiPropertyOptional({ example: ['GT', 'HN'], description: 'Regional view: countries (default all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsIn(CRM_COUNTRY_CODES, { each: true })
  countries?: string[];
}
