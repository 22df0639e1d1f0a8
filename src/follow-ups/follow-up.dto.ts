import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/paging/page-query.dto';
import { FOLLOW_UP_TYPES, FollowUpType } from './follow-up.entity';

export class CreateFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_TYPES })
  @IsIn(FOLLOW_UP_TYPES)
  type: FollowUpType;

  @ApiProperty({ description: 'ISO 8601 instant, not in the past' })
  @IsISO8601({ strict: true })
  dueAt: string;

  @ApiPropertyOptional({ description: "Defaults to the case's caseworker" })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string;

  @ApiPropertyOptional({
    description: "Defaults to the case's agency; a referral's receiving agency may own it",
  })
  @IsOptional()
  @IsUUID()
  responsibleAgencyId?: string;

  @ApiPropertyOptional({ description: 'The referral under which the receiving agency owns this follow-up' })
  @IsOptional()
  @IsUUID()
  referralId?: string;
}

export class CompleteFollowUpDto {
  @ApiProperty({ description: 'Version the caller last read (409 STALE_VERSION otherwise)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'false: nobody could be reached; counts as a missed attempt' })
  @IsBoolean()
  contactMade: boolean;

  @ApiPropertyOptional({ description: 'Sensitive: what was observed and said' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  outcomeNotes?: string;
}

export class MissedFollowUpDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Sensitive: what was tried' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  outcomeNotes?: string;
}

export class CancelFollowUpDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class DueListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only follow-ups due before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;
}
