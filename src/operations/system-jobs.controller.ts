import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Authorize } from '../authz/authorize.decorator';
import { Clock } from '../common/clock';
import { QueueService } from '../queues/queue.service';
import { PingJob } from '../queues/system.jobs';
import { JobParams, PingBody } from './operations.dto';
import { OperationsErrors } from './operations.errors';

/** Round trips through the queues for operators (and the smoke test): is the worker consuming? */
@ApiTags('operations')
@Controller('api/v1/system')
export class SystemJobsController {
  constructor(
    private readonly queues: QueueService,
    private readonly clock: Clock,
  ) {}

  @Post('ping')
  @HttpCode(202)
  @Authorize('manage', 'Operations')
  @ApiOperation({ summary: 'Enqueue a ping job on the system queue (administrators)' })
  async ping(@Body() _body: PingBody) {
    const job = await this.queues.add(
      PingJob,
      { sentAt: this.clock.now().toISOString() },
      { jobId: `${PingJob.name}.${randomUUID()}` },
    );
    return { queue: PingJob.queue, jobId: job.id };
  }

  @Get('jobs/:queue/:id')
  @Authorize('manage', 'Operations')
  @ApiOperation({ summary: 'State and return value of a queued job (administrators)' })
  async job(@Param() params: JobParams) {
    const queue = this.queues.queue(params.queue);
    // State first, record second: read the other way round, a job finishing in between shows
    // "completed" without its return value.
    const state = await queue.getJobState(params.id);
    const job = state === 'unknown' ? undefined : await queue.getJob(params.id);
    if (!job) throw OperationsErrors.OPERATIONS_JOB_NOT_FOUND({ queue: params.queue, id: params.id });
    return {
      queue: params.queue,
      id: job.id,
      name: job.name,
      state,
      attemptsMade: job.attemptsMade,
      returnValue: job.returnvalue ?? null,
      failedReason: job.failedReason || null,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}
