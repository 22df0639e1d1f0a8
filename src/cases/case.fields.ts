import { FieldClassMap, fieldsOfClass } from '../authz/field-access';

/**
 * Field classes of a case as the API returns it (case + child + latest reception, flattened),
 * following DESIGN.md: operational (numbers, phase, risk, dates, agency, assignee, age band, sex,
 * nationality), identifying (names, exact date of birth, documents, contacts), sensitive (gender
 * identity, health and disability, ethnic identity, protection concerns and needs). A field not
 * listed here never leaves the server.
 */
export const CASE_FIELDS: FieldClassMap = {
  id: 'operational',
  caseNumber: 'operational',
  countryCode: 'operational',
  agencyId: 'operational',
  assignedUserId: 'operational',
  childId: 'operational',
  phase: 'operational',
  status: 'operational',
  riskLevel: 'operational',
  legalBasis: 'operational',
  returnedAt: 'operational',
  openedAt: 'operational',
  closedAt: 'operational',
  closureReason: 'operational',
  assessmentDueAt: 'operational',
  assessmentDueExplain: 'operational',
  planDueAt: 'operational',
  planDueExplain: 'operational',
  overdue: 'operational',
  agingOutSoon: 'operational',
  ageBand: 'operational',
  sex: 'operational',
  nationality: 'operational',
  interviewCount: 'operational',
  reception: 'operational',
  version: 'operational',
  createdAt: 'operational',
  updatedAt: 'operational',

  firstNames: 'identifying',
  lastNames: 'identifying',
  dateOfBirth: 'identifying',
  dobEstimated: 'identifying',
  languages: 'identifying',
  documents: 'identifying',
  familyContacts: 'identifying',
  ageOfMajority: 'identifying',

  genderIdentity: 'sensitive',
  disability: 'sensitive',
  ethnicIdentity: 'sensitive',
  protectionConcerns: 'sensitive',
  immediateNeeds: 'sensitive',
};

export const CASE_OPERATIONAL_FIELDS = fieldsOfClass(CASE_FIELDS, 'operational');
