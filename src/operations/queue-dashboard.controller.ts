import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AuditService } from '../audit-trail/audit.service';
import { Authorize } from '../authz/authorize.decorator';
import { Clock } from '../common/clock';
import { DASHBOARD_PATH, DASHBOARD_TTL_SECONDS, QueueDashboardTokens } from './queue-dashboard-tokens';

@ApiTags('operations')
@Controller('api/v1/operations/queue-dashboard')
export class QueueDashboardController {
  constructor(
    private readonly tokens: QueueDashboardTokens,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Post('session')
  @HttpCode(201)
  @Authorize('manage', 'Operations')
  @ApiOperation({
    summary: 'Open the queue dashboard in a browser (administrators)',
    description: `Sets a ${DASHBOARD_TTL_SECONDS} s HttpOnly, SameSite=Strict cookie scoped to ${DASHBOARD_PATH}; then open ${DASHBOARD_PATH}.`,
  })
  async session(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The same name as a refused session (`manage` on Operations).
    await this.audit.recordAlone({
      action: 'operations.manage',
      subjectType: 'Operations',
      purpose: 'queue dashboard',
    });
    void reply.header('set-cookie', this.tokens.cookie(this.tokens.sign(actor), req.protocol === 'https'));
    const expiresAt = new Date(this.clock.now().getTime() + DASHBOARD_TTL_SECONDS * 1000);
    return { path: DASHBOARD_PATH, expiresAt: expiresAt.toISOString() };
  }
}
