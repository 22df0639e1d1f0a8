import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  Min,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RISK_LEVELS } from '../case-file.entity';
import { ASSESSMENT_TYPES } from './assessment.entity';
import { BID_TRIGGERS } from './best-interests-determination.entity';
import { REINTEGRATION_DIMENSIONS } from './case-plan.entity';
import { VersionedDto } from '../dto/case-updates.dto';

export const CONSENT_GIVERS = ['child', 'parent', 'guardian', 'authority'];

export class CreateConsentDto {
  @ApiProperty({ enum: CONSENT_GIVERS })
  @IsIn(CONSENT_GIVERS)
  givenBy: string;

  @ApiPropertyOptional({ description: "The child's assent, where age allows" })
  @IsOptional()
  @IsBoolean()
  childAssent?: boolean;

  @ApiProperty({ type: [String], description: 'config/vocabularies/consent-purposes.yaml' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  purposes: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  recipientAgencyIds?: string[];

  @ApiPropertyOptional({ description: "Any agency in the case's country" })
  @IsOptional()
  @IsBoolean()
  anyRecipientInCountry?: boolean;

  @ApiProperty({ type: [String], description: 'config/vocabularies/data-categories.yaml' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  dataCategories: string[];

  @ApiProperty()
  @IsDateString()
  givenAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString()
  expiresAt?: string;
}

export class WithdrawConsentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class FindingDto {
  @ApiProperty({ description: 'config/vocabularies/assessment-domains.yaml' })
  @IsString()
  domain: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  finding: string;

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  concern?: string;
}

export class AssessmentContentDto {
  @ApiProperty({ type: [FindingDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings: FindingDto[];

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskRating: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;
}

export class CreateAssessmentDto extends AssessmentContentDto {
  @ApiProperty({ enum: ASSESSMENT_TYPES })
  @IsIn(ASSESSMENT_TYPES)
  type: string;

  @ApiProperty()
  @IsDateString()
  conductedAt: string;
}

export class UpdateAssessmentDto extends AssessmentContentDto {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReviewDto extends VersionedDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  decision: 'approve' | 'return';

  @ApiPropertyOptional({ description: 'Required when returning' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  comment?: string;
}

export class PlanActionDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description: string;

  @ApiProperty()
  @IsUUID()
  responsibleAgencyId: string;

  @ApiProperty()
  @IsDateString({ strict: true })
  dueAt: string;
}

export class PlanGoalDto {
  @ApiProperty({ enum: REINTEGRATION_DIMENSIONS })
  @IsIn(REINTEGRATION_DIMENSIONS)
  dimension: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  goal: string;

  @ApiProperty({ type: [PlanActionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlanActionDto)
  actions: PlanActionDto[];
}

export class PlanContentDto {
  @ApiProperty({ type: [PlanGoalDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlanGoalDto)
  goals: PlanGoalDto[];
}

export class UpdatePlanDto extends PlanContentDto {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CreateInterviewDto {
  @ApiProperty()
  @IsDateString()
  conductedAt: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  purpose: string;

  @ApiProperty({ type: [String], description: 'config/vocabularies/interview-topics.yaml' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  topics: string[];

  @ApiPropertyOptional({ description: 'Required when a topic is already documented for the child' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  repeatReason?: string;
}

export class PanelMemberDto {
  @ApiProperty()
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'chair' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  panelRole: string;
}

export class CreateBidDto {
  @ApiProperty({ enum: BID_TRIGGERS })
  @IsIn(BID_TRIGGERS)
  trigger: string;

  @ApiProperty({ type: [PanelMemberDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PanelMemberDto)
  panel: PanelMemberDto[];
}

export class UndertakingDto {
  @ApiProperty({ description: 'I will keep confidential everything I learn as a member of this panel' })
  @IsIn([true])
  accept: boolean;
}

export class BidDecisionDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  decision: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  reasons: string;

  @ApiProperty({ description: 'How gender, age and diversity were weighed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  genderDiversityPerspective: string;
}

export class BidReviewDto extends VersionedDto {
  @ApiProperty({ enum: ['confirm', 'reopen'] })
  @IsIn(['confirm', 'reopen'])
  outcome: 'confirm' | 'reopen';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}
