import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/paging/page-query.dto';
import { REFERRAL_STATUSES } from './referral-lifecycle';
import { OVERRIDE_BASES, OverrideBasis, URGENCIES, Urgency } from './referral.entity';

export class ReferralOverrideDto {
  @ApiProperty({ enum: OVERRIDE_BASES })
  @IsIn(OVERRIDE_BASES)
  basis: OverrideBasis;

  @ApiProperty({
    description: 'Why sharing without consent is in the child’s best / vital interests (audited).',
    minLength: 20,
  })
  @IsString()
  @Length(20, 2000)
  reason: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Sensitive categories the override explicitly allows.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  sensitiveCategories?: string[];
}

export class CreateReferralDto {
  @ApiProperty()
  @IsUUID('all')
  caseId: string;

  @ApiProperty()
  @IsUUID('all')
  recipientAgencyId: string;

  @ApiProperty({ example: 'health_care', description: 'config/vocabularies/service-types.yaml' })
  @IsString()
  @Length(1, 64)
  serviceType: string;

  @ApiProperty({ example: 'health_care', description: 'config/vocabularies/consent-purposes.yaml' })
  @IsString()
  @Length(1, 64)
  purpose: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ description: 'Why the child needs the service (travels with the referral).' })
  @IsString()
  @Length(3, 4000)
  reason: string;

  @ApiPropertyOptional({ description: 'The consent the referral relies on (or give `override`).' })
  @IsOptional()
  @IsUUID('all')
  consentId?: string;

  @ApiPropertyOptional({
    type: ReferralOverrideDto,
    description: 'Supervisors only: documented best/vital-interests override.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralOverrideDto)
  override?: ReferralOverrideDto;

  @ApiPropertyOptional({ type: [String], description: 'Narrow what travels to these categories.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  categories?: string[];

  @ApiPropertyOptional({ default: false, description: 'Dispatch at once instead of leaving a draft.' })
  @IsOptional()
  @IsBoolean()
  dispatch?: boolean;
}

export class AmendReferralDto {
  @ApiProperty({ description: 'The version read (optimistic locking).' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(3, 4000)
  reason?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  categories?: string[];
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class CompleteReferralDto {
  @ApiProperty({ description: 'The service outcome, written back to the sender’s case.' })
  @IsString()
  @Length(3, 4000)
  outcome: string;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @IsIn(REFERRAL_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  serviceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only unanswered referrals past their response deadline.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;
}

export class SnapshotQuery {
  @ApiPropertyOptional({ description: 'A snapshot version (default: the latest).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export const INBOUND_STATUSES = ['accepted', 'rejected', 'in_progress', 'completed'] as const;

export class InboundStatusDto {
  @ApiProperty()
  @IsUUID('all')
  referralId: string;

  @ApiProperty({ enum: INBOUND_STATUSES })
  @IsIn(INBOUND_STATUSES)
  status: (typeof INBOUND_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Required when rejected.' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Required when completed.' })
  @IsOptional()
  @IsString()
  @Length(3, 4000)
  outcome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalReference?: string;
}
