import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One audit entry as the auditor's API shows it (all of it: an entry holds no personal data). */
export class AuditEntryView {
  @ApiProperty({
    example: '1050',
    description: 'insertion id: the order of the list (its page cursor carries it)',
  })
  id: string;
  @ApiProperty({
    example: '1042',
    nullable: true,
    type: String,
    description: 'chain position; null until sealed',
  })
  seq: string | null;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ nullable: true, example: 'caseworker' }) actorRole: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) actorAgencyId: string | null;
  @ApiProperty({ nullable: true, example: 'GT' }) actorCountryCode: string | null;
  @ApiProperty({ example: 'case.read' }) action: string;
  @ApiProperty({ nullable: true, example: 'Case' }) subjectType: string | null;
  @ApiProperty({ nullable: true }) subjectId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) caseId: string | null;
  @ApiProperty({ type: [String], example: ['operational', 'identifying'] }) fields: string[];
  @ApiProperty({ nullable: true }) purpose: string | null;
  @ApiProperty({ enum: ['allowed', 'denied', 'failed'] }) outcome: string;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) prevHash: string | null;
  @ApiProperty({ nullable: true, type: String }) hash: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'when the sequencer sealed it' })
  sealedAt: Date | null;
}

export class AuditEntryPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for older entries' })
  nextCursor: string | null;
}

export class ChainVerdictView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'entries verified intact' }) checked: number;
  @ApiPropertyOptional({ description: 'last intact entry' }) headSeq?: string;
  @ApiPropertyOptional() headHash?: string;
  @ApiPropertyOptional() firstBrokenSeq?: string;
  @ApiPropertyOptional({ enum: ['hash mismatch', 'prev_hash mismatch', 'gap'] }) reason?: string;
  @ApiPropertyOptional({ description: 'entries not yet sealed when the verification started' })
  unsealed?: number;
}
