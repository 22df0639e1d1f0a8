import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEGAL_BASES, RISK_LEVELS } from '../case-file.entity';
import { ACCOMPANIMENT } from '../reception-event.entity';

export const SEXES = ['female', 'male', 'intersex', 'unknown'];

export class ReceptionDto {
  @ApiProperty({ description: 'When the child arrived at the reception centre' })
  @IsDateString()
  receivedAt: string;

  @ApiProperty({ description: 'Reception centre (agency id)' })
  @IsUUID()
  receptionCenterId: string;

  @ApiProperty({ example: 'US', description: 'Country returned from (ISO 3166-1 alpha-2)' })
  @IsISO31661Alpha2()
  returnedFrom: string;

  @ApiProperty({ example: 'air', description: 'config/vocabularies/means-of-return.yaml' })
  @IsString()
  meansOfReturn: string;

  @ApiProperty({ enum: ACCOMPANIMENT })
  @IsIn(ACCOMPANIMENT)
  accompaniment: string;
}

export class IdentityDocumentDto {
  @ApiProperty({ example: 'birth_certificate' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  type: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  number: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;
}

export class FamilyContactDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'mother' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  relationship: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

export class ChildDto {
  @ApiProperty({ example: 'José María' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  firstNames: string;

  @ApiProperty({ example: 'Pérez López' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  lastNames: string;

  @ApiPropertyOptional({ description: 'Exact date of birth (or give estimatedAge)' })
  @IsOptional()
  @IsDateString({ strict: true })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'Estimated age in years when the date of birth is unknown' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(21)
  estimatedAge?: number;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: string;

  @ApiPropertyOptional({ description: 'Self-declared (sensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  genderIdentity?: string;

  @ApiProperty({ example: 'GT' })
  @IsISO31661Alpha2()
  nationality: string;

  @ApiPropertyOptional({ type: [String], description: 'config/vocabularies/languages.yaml' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  languages?: string[];

  @ApiPropertyOptional({
    description: 'Indigenous people or afro-descendant identity, self-declared (sensitive)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ethnicIdentity?: string;

  @ApiPropertyOptional({ description: 'Sensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  disability?: string;

  @ApiPropertyOptional({ type: [IdentityDocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IdentityDocumentDto)
  documents?: IdentityDocumentDto[];

  @ApiPropertyOptional({ type: [FamilyContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FamilyContactDto)
  familyContacts?: FamilyContactDto[];
}

export class DuplicateCheckDto {
  @ApiProperty({ enum: ['link', 'different_child'] })
  @IsIn(['link', 'different_child'])
  decision: 'link' | 'different_child';

  @ApiPropertyOptional({ description: 'With decision=link: the existing child this reception belongs to' })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'With decision=different_child: every candidate reviewed',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  reviewedCandidateIds?: string[];
}

export class RegisterCaseDto {
  @ApiProperty({ type: ReceptionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReceptionDto)
  reception: ReceptionDto;

  @ApiProperty({ type: ChildDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ChildDto)
  child: ChildDto;

  @ApiProperty({ type: [String], description: 'config/vocabularies/protection-concerns.yaml' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  protectionConcerns: string[];

  @ApiPropertyOptional({ type: [String], description: 'config/vocabularies/immediate-needs.yaml' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  immediateNeeds?: string[];

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES)
  legalBasis: string;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskLevel: string;

  @ApiPropertyOptional({
    description: 'Supervisors may assign at registration; caseworkers get the case themselves',
  })
  @IsOptional()
  @IsUUID()
  assignedUserId?: string;

  @ApiPropertyOptional({
    type: DuplicateCheckDto,
    description: 'The decision after a POSSIBLE_DUPLICATES answer',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DuplicateCheckDto)
  duplicateCheck?: DuplicateCheckDto;
}

export class ChildMatchesQuery {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  firstNames: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  lastNames: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  dateOfBirth?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(21)
  estimatedAge?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO31661Alpha2()
  nationality?: string;
}
