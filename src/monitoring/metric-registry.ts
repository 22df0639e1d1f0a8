import { closuresMetric } from './metrics/closures.metric';
import { indicatorScoresMetric } from './metrics/indicator-scores.metric';
import { interviewsMetric } from './metrics/interviews.metric';
import { openCasesMetric } from './metrics/open-cases.metric';
import { overdueFollowUpsMetric } from './metrics/overdue-follow-ups.metric';
import { referralsMetric } from './metrics/referrals.metric';
import type { MetricProvider } from './metric.types';

/** Every metric, in the order the overview lists them. */
export const METRIC_PROVIDERS: MetricProvider[] = [
  openCasesMetric,
  overdueFollowUpsMetric,
  referralsMetric,
  closuresMetric,
  interviewsMetric,
  indicatorScoresMetric,
];
export const METRIC_NAMES = METRIC_PROVIDERS.map((m) => m.name);
export const METRICS = new Map(METRIC_PROVIDERS.map((m) => [m.name, m]));
