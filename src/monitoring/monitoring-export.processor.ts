import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../common/actor';
import type { Role } from '../common/role';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { TransactionRunner } from '../database/transaction-runner';
import { OnJob } from '../queues/on-job.decorator';
import { ExportFile } from './export-file.entity';
import { BuildMonitoringExport } from './monitoring.jobs';
import { MonitoringRequest, MonitoringService } from './monitoring.service';

/**
 * Worker side of an export: rebuilds the requester's rights from the row, writes the CSV into
 * export_file. Idempotent: a retried or duplicated job for a ready file does nothing.
 */
@Injectable()
export class MonitoringExportProcessor {
  private readonly logger = new Logger(MonitoringExportProcessor.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly monitoring: MonitoringService,
    private readonly clock: Clock,
  ) {}

  @OnJob(BuildMonitoringExport)
  async build(payload: { exportId: string }): Promise<{ rows: number } | { skipped: string }> {
    const file = await this.tx.manager.findOne(ExportFile, { where: { id: payload.exportId } });
    if (!file) return { skipped: 'missing' };
    if (file.status === 'ready') return { skipped: 'ready' };
    await this.tx.manager.update(ExportFile, { id: file.id }, { status: 'running' });
    const actor: Actor = {
      userId: file.requestedBy,
      role: file.actor.role as Role,
      agencyId: file.actor.agencyId,
      countryCode: file.actor.countryCode,
      language: file.actor.language,
    };
    try {
      const csv = await this.monitoring.buildCsv(
        actor,
        file.request as unknown as MonitoringRequest,
        file.lang,
        file.asOf,
      );
      await this.tx.manager.update(
        ExportFile,
        { id: file.id },
        {
          status: 'ready',
          content: csv.content,
          rowCount: csv.rows,
          error: null,
          completedAt: this.clock.now(),
        },
      );
      return { rows: csv.rows };
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'INTERNAL';
      this.logger.warn({ exportId: file.id, code }, 'monitoring export failed');
      await this.tx.manager.update(ExportFile, { id: file.id }, { status: 'failed', error: code });
      throw e;
    }
  }
}
