import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { DirectoryModule } from './directory/directory.module';
import { EscalationModule } from './escalation/escalation.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { IdentityModule } from './identity/identity.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { ReferralsModule } from './referrals/referrals.module';

/**
 * Every domain module, loaded by both the API and the worker (the worker runs their @OnJob
 * handlers; the API serves their controllers). Add a module here, one line each.
 */
export const FEATURE_MODULES: any[] = [
  OperationsModule,
  AuditModule,
  DirectoryModule,
  IdentityModule,
  CasesModule,
  AgreementsModule,
  ReferralsModule,
  NotificationsModule,
  EscalationModule,
  FollowUpsModule,
  IndicatorsModule,
  MonitoringModule,
];
