import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AuditSealStatus } from '../audit-trail/audit-seal-status';
import { QueueService } from '../queues/queue.service';

/** Prometheus metrics: HTTP latency by route template, queue depths read at scrape time. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(queues: QueueService, auditSeal: AuditSealStatus) {
    collectDefaultMetrics({ register: this.registry, prefix: 'enlace_' });
    this.httpDuration = new Histogram({
      name: 'enlace_http_request_duration_seconds',
      help: 'HTTP request latency by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'enlace_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.allQueues().map(async (q) => {
            try {
              const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
              for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
            } catch {
              // Redis down: readiness reports it; metrics still answer.
            }
          }),
        );
      },
    });
    const seal = (pick: (s: Awaited<ReturnType<AuditSealStatus['read']>>) => number) =>
      async function collect(this: Gauge) {
        try {
          this.set(pick(await auditSeal.read()));
        } catch {
          // Database down: readiness reports it; metrics still answer.
        }
      };
    new Gauge({
      name: 'enlace_audit_seal_lag_seconds',
      help: 'Age of the oldest audit entry not yet sealed into the chain',
      registers: [this.registry],
      collect: seal((s) => s.sealLagSeconds),
    });
    new Gauge({
      name: 'enlace_audit_unsealed_entries',
      help: 'Audit entries committed but not yet sealed into the chain',
      registers: [this.registry],
      collect: seal((s) => s.unsealed),
    });
  }
}
