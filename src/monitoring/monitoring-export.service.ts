import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { Clock } from '../common/clock';
import type { Lang } from '../common/errors/lang';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxService } from '../queues/outbox.service';
import { ExportFile } from './export-file.entity';
import { BuildMonitoringExport } from './monitoring.jobs';
import { MonitoringErrors } from './monitoring.errors';
import { MonitoringRequest, MonitoringService } from './monitoring.service';

/** Export jobs: request (row + audit + outbox in one transaction), status, download. */
@Injectable()
export class MonitoringExportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly authz: AuthzService,
    private readonly clock: Clock,
    private readonly monitoring: MonitoringService,
  ) {}

  async request(actor: Actor, req: MonitoringRequest, lang: Lang) {
    const asOf = this.clock.now();
    // Scope, filters and rights are checked now: a denied or malformed request writes nothing.
    await this.monitoring.validate(actor, req, asOf);
    const file = await this.tx.run(async (manager) => {
      const saved = await manager.save(
        ExportFile,
        manager.create(ExportFile, {
          requestedBy: actor.userId,
          actor: {
            role: actor.role,
            agencyId: actor.agencyId,
            countryCode: actor.countryCode,
            language: actor.language,
          },
          request: { ...req },
          lang,
          asOf,
          status: 'queued',
        }),
      );
      await this.audit.record(manager, {
        action: 'export.csv',
        subjectType: 'MonitoringExport',
        subjectId: saved.id,
        fields: req.items ? ['operational'] : ['aggregates'],
        purpose: 'monitoring',
      });
      await this.outbox.enqueue(
        manager,
        BuildMonitoringExport,
        { exportId: saved.id },
        {
          jobId: `monitoring-export.${saved.id}`,
        },
      );
      return saved;
    });
    return this.view(file);
  }

  async status(actor: Actor, id: string) {
    return this.view(await this.owned(actor, id));
  }

  async download(actor: Actor, id: string): Promise<{ content: string; filename: string }> {
    const file = await this.owned(actor, id);
    if (file.status !== 'ready' || file.content === null)
      throw MonitoringErrors.EXPORT_NOT_READY({ status: file.status });
    await this.audit.recordAlone({
      actor,
      action: 'export.csv',
      subjectType: 'MonitoringExport',
      subjectId: id,
      fields: ['download'],
      purpose: 'monitoring',
    });
    const metric = String(file.request.metric ?? 'monitoring');
    return {
      content: file.content,
      filename: `${metric}${file.request.items ? '-items' : ''}-${id.slice(0, 8)}.csv`,
    };
  }

  private async owned(actor: Actor, id: string): Promise<ExportFile> {
    const file = await this.tx.manager.findOne(ExportFile, {
      where: { id },
    });
    if (!file) throw MonitoringErrors.EXPORT_NOT_FOUND();
    await this.authz.assert(
      actor,
      'read',
      'MonitoringExport',
      { requestedBy: file.requestedBy },
      { subjectId: id },
    );
    return file;
  }

  private view(f: ExportFile) {
    return {
      id: f.id,
      status: f.status,
      metric: f.request.metric,
      items: !!f.request.items,
      rowCount: f.rowCount,
      error: f.error,
      createdAt: f.createdAt,
      completedAt: f.completedAt,
      links: {
        self: `/api/v1/monitoring/exports/${f.id}`,
        download: `/api/v1/monitoring/exports/${f.id}/download`,
      },
    };
  }
}
