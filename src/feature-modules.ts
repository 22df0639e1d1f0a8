import { IndicatorsModule } from './indicators/indicators.module';
import { MonitoringModule } from './monitoring/monitoring.module';

/**
 * Every domain module, loaded by both the API and the worker (the worker runs their @OnJob
 * handlers; the API serves their controllers). Add a module here, one line each.
 */
export const FEATURE_MODULES: any[] = [IndicatorsModule, MonitoringModule];
