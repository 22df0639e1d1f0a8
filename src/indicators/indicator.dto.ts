import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';

export class RecordIndicatorsDto {
  @ApiProperty({ example: '2026-08-01T10:00:00Z', description: 'When the indicators were measured' })
  @IsDateString({ strict: true })
  measuredAt: string;

  @ApiPropertyOptional({ description: 'The follow-up at which they were recorded' })
  @IsOptional()
  @IsUUID()
  followUpId?: string;

  @ApiPropertyOptional({
    example: '3mo',
    description: 'Post-return checkpoint label (1mo, 3mo, 6mo, 12mo...)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,20}$/)
  checkpoint?: string;

  @ApiProperty({
    example: { school_enrolled_attending: 'yes', feels_safe: '3' },
    description:
      'Indicator code -> answer value on its scale (config/vocabularies/reintegration-indicators.yaml)',
  })
  @IsObject()
  answers: Record<string, string>;
}
