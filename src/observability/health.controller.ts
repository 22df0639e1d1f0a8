import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditSealStatus, SealStatus } from '../audit-trail/audit-seal-status';
import { Public } from '../auth/public.decorator';
import {
  DependencyChecks,
  DependencyHealth,
  HEALTH_CHECK_TIMEOUT_MS,
  withTimeout,
} from './dependency-health';
import { Lifecycle } from './lifecycle';

/** The readiness answer, with 200 or 503 (named: the API docs describe both with it). */
export interface Readiness {
  status: 'ok' | 'degraded' | 'draining' | 'unavailable';
  checks: DependencyChecks;
  auditSeal: SealStatus | undefined;
}

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
  @ApiServiceUnavailableResponse({
    description: 'Not ready (status unavailable or draining)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } },
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
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
