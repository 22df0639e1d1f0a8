import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditSealStatus } from '../audit-trail/audit-seal-status';
import { Public } from '../auth/public.decorator';
import { DependencyHealth, HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './dependency-health';
import { Lifecycle } from './lifecycle';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: DependencyHealth,
    private readonly lifecycle: Lifecycle,
    private readonly auditSeal: AuditSealStatus,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  /**
   * Ready means this process can serve: PostgreSQL answers and no shutdown has begun. Redis is a
   * shared dependency the API can serve without (writes wait in the outbox), so Redis down is
   * `degraded` (200), not unready: one Redis outage must not take every replica out.
   */
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 when PostgreSQL answers (status ok, or degraded when Redis does not); 503 when PostgreSQL does not or the process is shutting down',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.health.check();
    const status = this.lifecycle.stopping
      ? 'draining'
      : checks.database.status !== 'up'
        ? 'unavailable'
        : checks.redis.status !== 'up'
          ? 'degraded'
          : 'ok';
    void reply.status(status === 'ok' || status === 'degraded' ? 200 : 503);
    // Detail only: a sequencer behind does not make this process unready.
    const auditSeal = await withTimeout(this.auditSeal.read(), HEALTH_CHECK_TIMEOUT_MS).catch(
      () => undefined,
    );
    return { status, checks, auditSeal };
  }
}
