import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import {
  AGREEMENT_STATUSES,
  AgreementStatus,
  REQUESTED_AGREEMENT_STATUSES,
  RequestedAgreementStatus,
} from './agreement.entity';
import { PageQuery } from '../common/paging/page-query.dto';

export class CreateAgreementDto {
  @ApiProperty({ example: 'CONV-GT-MX-2026-04' })
  @IsString()
  @Length(1, 100)
  reference: string;

  @ApiProperty({ example: 'Convenio SBS–DIF de atención a NNA retornados' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional({ type: [String], description: 'Party agencies (ids).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partyAgencyIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['GT', 'MX'],
    description: 'Party countries: cover all their agencies.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[A-Z]{2}$/, { each: true })
  partyCountryCodes?: string[];

  @ApiProperty({ type: [String], example: ['health_care', 'family_reunification'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  purposes: string[];

  @ApiProperty({ type: [String], example: ['identification', 'case_summary', 'health'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  dataCategories: string[];

  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiPropertyOptional({ example: '2028-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;

  @ApiPropertyOptional({
    enum: REQUESTED_AGREEMENT_STATUSES,
    default: 'active',
    description: 'active: in force once every involved country approved (pending_approval until then)',
  })
  @IsOptional()
  @IsIn(REQUESTED_AGREEMENT_STATUSES)
  status?: RequestedAgreementStatus;
}

export class UpdateAgreementDto {
  @ApiProperty({ description: 'The version read (optimistic locking).' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    enum: REQUESTED_AGREEMENT_STATUSES,
    description: 'A change that widens the terms (or returns to active) needs the other countries again',
  })
  @IsOptional()
  @IsIn(REQUESTED_AGREEMENT_STATUSES)
  status?: RequestedAgreementStatus;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  purposes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  dataCategories?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

export class ApproveAgreementDto {
  @ApiProperty({ description: 'The version read: the terms approved (optimistic locking).' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListAgreementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ description: 'Only agreements with this party agency (itself or by country).' })
  @IsOptional()
  @IsUUID('all')
  agencyId?: string;
}
