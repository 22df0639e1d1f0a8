import type { FieldClassMap } from '../authz/field-access';

/** Field classes of an indicator measurement as returned by the API. */
export const INDICATOR_MEASUREMENT_FIELDS: FieldClassMap = {
  id: 'operational',
  caseId: 'operational',
  measuredAt: 'operational',
  followUpId: 'operational',
  checkpoint: 'operational',
  dimensionScores: 'operational',
  overallScore: 'operational',
  recordedBy: 'operational',
  createdAt: 'operational',
  answers: 'sensitive',
};
