import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { OnJob } from '../queues/on-job.decorator';
import { OverdueScanJob } from './escalation.jobs';
import { OverdueScanService, ScanStats } from './overdue-scan.service';

@Injectable()
export class OverdueScanProcessor {
  constructor(
    private readonly scanner: OverdueScanService,
    private readonly clock: Clock,
  ) {}

  @OnJob(OverdueScanJob)
  run(payload: { asOf?: string }): Promise<ScanStats[]> {
    const asOf = payload.asOf ? new Date(payload.asOf) : this.clock.now();
    if (Number.isNaN(asOf.getTime())) throw new Error('overdue scan: asOf is not an ISO instant');
    return this.scanner.scan(asOf);
  }
}
