import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { AuditQueryService } from './audit-query.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEntryPage, ChainVerdictView } from './dto/audit-views.dto';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get('entries')
  @Authorize('list', 'AuditEntry')
  @ApiOperation({
    summary:
      'Search the audit trail (auditor only; entries by staff of the auditor’s country and system events)',
    description:
      'Newest first, keyset-paginated on seq: pass `nextCursor` as `cursor` for the next page. ' +
      '`from` is inclusive and `to` exclusive. Every search is itself recorded as `auditEntry.list`.',
  })
  @ApiOkResponse({ type: AuditEntryPage })
  @ApiForbiddenResponse({ description: 'Any role other than auditor (the denial is audited)' })
  list(@CurrentActor() actor: Actor, @Query() q: AuditQueryDto) {
    return this.audit.search(actor, q);
  }

  @Get('verify')
  @Authorize('verify', 'AuditChain')
  @ApiOperation({
    summary: 'Verify the hash chain (auditor only)',
    description:
      'Recomputes every entry’s hash, checks each prev_hash link and that seq has no gaps. Answers ' +
      '{ ok, checked, headSeq, headHash, firstBrokenSeq?, reason? } with reason one of ' +
      '"hash mismatch", "prev_hash mismatch", "gap". Recorded as `auditChain.verify`.',
  })
  @ApiOkResponse({ type: ChainVerdictView })
  @ApiForbiddenResponse({ description: 'Any role other than auditor (the denial is audited)' })
  verify(@CurrentActor() actor: Actor) {
    return this.audit.verify(actor);
  }
}
