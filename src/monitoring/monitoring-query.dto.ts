import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsDateString, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { PageQuery } from '../common/paging/page-query.dto';

/** Filters shared by every monitoring route. */
export class MonitoringQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Period start (inclusive), ISO date or date-time',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-07-01',
    description: 'Period end (exclusive), ISO date or date-time',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Only this agency (must be within your scope)' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** Drill-down filters (CSV and exports: the whole list). Which filters apply depends on the metric. */
export class MonitoringItemsFilterDto extends MonitoringQueryDto {
  @ApiPropertyOptional({ description: 'open-cases: case phase' })
  @IsOptional()
  @Matches(/^[a-z_]{1,30}$/)
  phase?: string;

  @ApiPropertyOptional({ description: 'open-cases: risk level (high, medium, low)' })
  @IsOptional()
  @Matches(/^[a-z_]{1,30}$/)
  risk?: string;

  @ApiPropertyOptional({ description: 'closures: closure reason' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,40}$/)
  reason?: string;

  @ApiPropertyOptional({ description: 'referrals: status' })
  @IsOptional()
  @Matches(/^[a-z_]{1,30}$/)
  status?: string;

  @ApiPropertyOptional({ description: 'referrals: only overdue ones (true)' })
  @IsOptional()
  @IsIn(['true'])
  overdue?: string;

  @ApiPropertyOptional({ description: 'overdue-follow-ups: escalation level 0-3' })
  @IsOptional()
  @IsIn(['0', '1', '2', '3'])
  level?: string;

  @ApiPropertyOptional({ description: 'overdue-follow-ups: days overdue (0-7, 8-30, 31-90, >90)' })
  @IsOptional()
  @IsIn(['0-7', '8-30', '31-90', '>90'])
  ageBucket?: string;
}

/** A page of a drill-down list: its filters and the paging parameters every list takes. */
export class MonitoringItemsQueryDto extends IntersectionType(MonitoringItemsFilterDto, PageQuery) {}

const splitCountries = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean)
    : value;

/** Regional aggregates: countries instead of an agency. */
export class RegionalQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-07-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'GT,HN,SV', description: 'CRM countries (default: all)' })
  @IsOptional()
  @Transform(splitCountries)
  @IsArray()
  @ArrayMaxSize(11)
  @IsIn(CRM_COUNTRY_CODES, { each: true })
  countries?: string[];
}
