import { EscalationModule } from './escalation/escalation.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { NotificationsModule } from './notifications/notifications.module';

/**
 * Every domain module, loaded by both the API and the worker (the worker runs their @OnJob
 * handlers; the API serves their controllers). Add a module here, one line each.
 */
export const FEATURE_MODULES: any[] = [NotificationsModule, EscalationModule, FollowUpsModule];
