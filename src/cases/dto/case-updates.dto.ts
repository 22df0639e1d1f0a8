import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_PHASES, LEGAL_BASES, RISK_LEVELS } from '../case-file.entity';
import { CLOSURE_REASONS } from '../case-closure.entity';
import { PageQuery } from '../../common/paging/page-query.dto';

/** Every update names the case version it was based on (409 STALE_VERSION otherwise). */
export class VersionedDto {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsInt()
  @Min(1)
  version: number;
}

export class UpdateCaseDto extends VersionedDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  protectionConcerns?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  immediateNeeds?: string[];

  @ApiPropertyOptional({ enum: LEGAL_BASES })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: string;
}

export class AssignCaseDto extends VersionedDto {
  @ApiProperty()
  @IsUUID()
  assignedUserId: string;
}

export class MovePhaseDto extends VersionedDto {
  @ApiProperty({ enum: CASE_PHASES.filter((p) => p !== 'closed') })
  @IsIn(CASE_PHASES.filter((p) => p !== 'closed'))
  to: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class RequestClosureDto extends VersionedDto {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class ClosureDecisionDto extends VersionedDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Required when rejecting' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment?: string;
}

export class VersionedReasonDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ExtendSupportDto extends VersionedReasonDto {
  @ApiProperty({ description: 'Support continues until this date (at most the policy extensionMaxAge)' })
  @IsDateString({ strict: true })
  until: string;
}

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_PHASES })
  @IsOptional()
  @IsIn(CASE_PHASES)
  phase?: string;

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ description: 'Opened at or after' })
  @IsOptional()
  @IsDateString()
  openedFrom?: string;

  @ApiPropertyOptional({ description: 'Opened before' })
  @IsOptional()
  @IsDateString()
  openedTo?: string;

  @ApiPropertyOptional({ description: 'An assessment or case plan past its policy due date' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
}
