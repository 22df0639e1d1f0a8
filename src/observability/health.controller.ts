import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditSealStatus } from '../audit-trail/audit-seal-status';
import { Public } from '../auth/public.decorator';
import { QueueService } from '../queues/queue.service';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly auditSeal: AuditSealStatus,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (503 otherwise)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const check = async (fn: () => Promise<unknown>) => {
      const t = Date.now();
      try {
        await withTimeout(fn(), 2000);
        return { status: 'up', ms: Date.now() - t };
      } catch {
        return { status: 'down', ms: Date.now() - t };
      }
    };
    const [database, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.queues.ping()),
    ]);
    const ok = database.status === 'up' && redis.status === 'up';
    void reply.status(ok ? 200 : 503);
    // Detail only: a sequencer behind does not make this process unready.
    const auditSeal = await withTimeout(this.auditSeal.read(), 2000).catch(() => undefined);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, redis }, auditSeal };
  }
}
