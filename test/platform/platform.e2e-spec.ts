import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsEnum, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AppModule } from '../../src/app.module';
import { Public } from '../../src/auth/public.decorator';
import { PingJob } from '../../src/queues/system.jobs';
import { createTestApp, TestApp } from '../harness/test-app';
import { startWorker } from '../harness/worker-process';

class ChildDto {
  @IsString() firstNames: string;
}
class ProbeDto {
  @IsInt() @Min(0) @Max(17) age: number;
  @IsEnum(['high', 'medium', 'low']) risk: string;
  @ValidateNested() @Type(() => ChildDto) child: ChildDto;
}

// A route that exists only in this test, to exercise the global pipe and filter.
@Public()
@Controller('probe')
class ProbeController {
  @Post()
  create(@Body() dto: ProbeDto) {
    return { ok: dto.age };
  }
  @Post('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }
}
@Module({ imports: [AppModule], controllers: [ProbeController] })
class ProbeModule {}

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ module: ProbeModule });
  });
  afterAll(() => t.close());

  it('answers health checks', async () => {
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('renders validation errors as problem+json in Spanish by default, field by field', async () => {
    const res = await t.request('POST', '/probe', {
      body: { age: 40, risk: 'extreme', child: { firstNames: 3 }, extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      title: 'La solicitud tiene datos inválidos',
    });
    const byField = Object.fromEntries(res.body.errors.map((e: any) => [`${e.field}:${e.code}`, e.message]));
    expect(byField['age:max']).toBe('Debe ser como máximo 17.');
    expect(byField['risk:isEnum']).toContain('Debe ser uno de');
    expect(byField['child.firstNames:isString']).toBe('Debe ser texto.');
    expect(byField['extra:whitelistValidation']).toBe('Campo no permitido.');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('speaks English when asked', async () => {
    const res = await t.request('POST', '/probe', {
      body: { age: -1, risk: 'low', child: { firstNames: 'A' } },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.body.title).toBe('The request has invalid data');
    expect(res.body.errors).toEqual([{ field: 'age', code: 'min', message: 'Must be at least 0.' }]);
    expect(res.headers['content-language']).toBe('en');
  });

  it('rejects malformed JSON with a problem, not a 500', async () => {
    const res = await t.request('POST', '/probe', {
      body: '{"age":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_REQUEST');
  });

  it('hides internals of an unexpected error and names the request id', async () => {
    const res = await t.request('POST', '/probe/boom', { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
    expect(res.body).toMatchObject({ code: 'INTERNAL', requestId: 'req-12345678' });
    expect(res.body.detail).toContain('req-12345678');
  });

  it('requires a token on every non-public route', async () => {
    const res = await t.request('GET', '/api/v1/does-not-matter');
    expect([401, 404]).toContain(res.status);
    expect(res.body.code).toMatch(/UNAUTHENTICATED|ROUTE_NOT_FOUND/);
  });

  it('serves the OpenAPI document with the bearer scheme', async () => {
    const res = await t.request('GET', '/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('exposes Prometheus metrics with the HTTP histogram and queue depths', async () => {
    await t.request('GET', '/health/live');
    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('enlace_http_request_duration_seconds_bucket');
    expect(res.body).toContain('enlace_queue_jobs{queue="system"');
  });

  it('runs a job through the real worker process and lets an in-flight job finish on SIGTERM', async () => {
    const worker = await startWorker(t.env);
    try {
      // Listen before adding, so a quick finish cannot be missed; a loaded machine starts slowly.
      const events = await queueEvents(t);
      const quick = await t.queues.add(PingJob, { sentAt: new Date().toISOString() });
      const done = await quick.waitUntilFinished(events, 60000);
      await events.close();
      expect(done.sentAt).toBeDefined();

      const slow = await t.queues.add(PingJob, { sentAt: 'slow', holdMs: 1500 });
      await waitForState(t, slow.id!, 'active');
      const code = await worker.stop('SIGTERM');
      expect(code).toBe(0);
      const job = await t.queues.queue(PingJob.queue).getJob(slow.id!);
      expect(await job!.getState()).toBe('completed');
      expect(job!.returnvalue).toMatchObject({ sentAt: 'slow' });
    } finally {
      await worker.kill();
    }
  }, 120_000);
});

async function queueEvents(t: TestApp) {
  const { QueueEvents } = await import('bullmq');
  const ev = new QueueEvents(PingJob.queue, {
    connection: { url: t.env.REDIS_URL },
    prefix: t.env.QUEUE_PREFIX,
  });
  await ev.waitUntilReady();
  return ev;
}

async function waitForState(t: TestApp, id: string, state: string) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const job = await t.queues.queue(PingJob.queue).getJob(id);
    if (job && (await job.getState()) === state) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} never became ${state}`);
}
