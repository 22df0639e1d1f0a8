import type { FieldClass } from '../../src/authz/field-access';

/**
 * The declared access matrix: for every operation of the OpenAPI document (/docs/json), which
 * actors may call it and which field classes of the case each may receive. Walked by
 * access-matrix.e2e-spec.ts against planted identifying and sensitive values; an operation
 * without a row (or a row without an operation) fails that test. See docs/authorization.md.
 *
 * Actors are relationships to one child's case C, opened at agency A in Guatemala and assigned
 * to `caseworkerAssigned`; `focal*` are referral focal points of agencies that received a
 * referral of C: `Before` a draft (not dispatched), `During` an accepted one with consent in
 * force, `After*` one cancelled, completed, whose consent was withdrawn, or whose consent expired.
 * "Other agency" is another Guatemalan agency; "other country" is Mexico.
 */
export const ACTORS = [
  'anonymous',
  'caseworkerAssigned',
  'caseworkerUnassigned',
  'supervisor',
  'caseworkerOtherAgency',
  'supervisorOtherAgency',
  'caseworkerOtherCountry',
  'supervisorOtherCountry',
  'focalBefore',
  'focalDuring',
  'focalAfterCancelled',
  'focalAfterCompleted',
  'focalAfterWithdrawn',
  'focalAfterExpired',
  'leadUnit',
  'leadUnitOtherCountry',
  'regionalAnalyst',
  'auditor',
  'auditorOtherCountry',
  'administrator',
  'administratorOtherCountry',
] as const;
export type ActorName = (typeof ACTORS)[number];

/** 2xx with at most these field classes of C's data, or a refusal with this status. */
export type Expectation = { status: '2xx'; classes: FieldClass[] } | { status: 401 | 403 | 404 };

export interface MatrixRow {
  /** `METHOD /path` exactly as in /docs/json. */
  op: string;
  /** Actors not named: 403, and 401 for `anonymous` (the route's `deny` changes that). */
  expect: Partial<Record<ActorName, Expectation>>;
  deny?: 401 | 403 | 404;
}

const ok = (...classes: FieldClass[]): Expectation => ({ status: '2xx', classes });
/** 2xx, nothing of C. */
const NONE = ok();
const OP = ok('operational');
const OP_ID = ok('operational', 'identifying');
const OP_SE = ok('operational', 'sensitive');
const ALL = ok('operational', 'identifying', 'sensitive');

const each = (actors: readonly ActorName[], e: Expectation) =>
  Object.fromEntries(actors.map((a) => [a, e])) as Partial<Record<ActorName, Expectation>>;

const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');
const FOCALS = ACTORS.filter((a) => a.startsWith('focal'));
const FOCALS_AFTER = FOCALS.filter((a) => a.startsWith('focalAfter'));
const CASEWORKERS = ACTORS.filter((a) => a.startsWith('caseworker'));
const SUPERVISORS = ACTORS.filter((a) => a.startsWith('supervisor'));
const ADMINS = ['administrator', 'administratorOtherCountry'] as const;
const AUDITORS = ['auditor', 'auditorOtherCountry'] as const;
const LEAD_UNITS = ['leadUnit', 'leadUnitOtherCountry'] as const;
/** Staff who work on cases. */
const CASE_STAFF = [...CASEWORKERS, ...SUPERVISORS];
/** Focal points whose agency received (not merely drafted) a referral of C. */
const RECIPIENTS = [...FOCALS_AFTER, 'focalDuring'] as const;
/** Staff who refer and receive: the directory and agreements are theirs to read. */
const REFERRING = [...CASE_STAFF, ...FOCALS];
/** GT staff of the referring roles (agreement reads are per country). */
const REFERRING_GT = REFERRING.filter((a) => !a.endsWith('OtherCountry'));

/** Who may see or act on C and its referrals on the sending side: its caseworker and supervisor. */
const CASE_TEAM = { caseworkerAssigned: ALL, supervisor: ALL };
/** What only the agency's supervisor does on C. */
const SUPERVISOR_ONLY = { supervisor: ALL };
/** List routes where every caller of the roles gets 2xx but only C's team sees C. */
const LISTING = (actors: readonly ActorName[]) => ({ ...each(actors, NONE), ...CASE_TEAM });
/** National monitoring: the country's lead unit and the agencies' supervisors, in scope only. */
const MONITORING = { ...each([...LEAD_UNITS, ...SUPERVISORS], NONE), leadUnit: OP, supervisor: OP };
/** Duplicate search: names only for candidates the caller may read (C: its team). */
const MATCHING = { ...each(CASE_STAFF, OP), caseworkerAssigned: OP_ID, supervisor: OP_ID };
const PUBLIC = each(ACTORS, NONE);

export const ACCESS_MATRIX: MatrixRow[] = [
  // platform
  { op: 'GET /health/live', expect: PUBLIC },
  { op: 'GET /health/ready', expect: PUBLIC },
  { op: 'POST /api/v1/system/ping', expect: each(ADMINS, NONE) },
  { op: 'GET /api/v1/system/jobs/{queue}/{id}', expect: each(ADMINS, NONE) },
  { op: 'POST /api/v1/operations/queue-dashboard/session', expect: each(ADMINS, NONE) },

  // audit: the trail holds no case content
  { op: 'GET /api/v1/audit/entries', expect: each(AUDITORS, NONE) },
  { op: 'GET /api/v1/audit/verify', expect: each(AUDITORS, NONE) },

  // directory and administration (agencies of GT; the other country's administrator is refused)
  { op: 'GET /api/v1/directory/countries', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/directory/service-types', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/directory/agency-types', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/vocabularies', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/vocabularies/{name}', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/directory/agencies', expect: each(REFERRING, NONE) },
  { op: 'GET /api/v1/directory/agencies/{id}', expect: each(REFERRING, NONE) },
  { op: 'GET /api/v1/admin/agencies', expect: each(ADMINS, NONE) },
  { op: 'POST /api/v1/admin/agencies', expect: each(ADMINS, NONE) },
  { op: 'GET /api/v1/admin/agencies/{id}', expect: { administrator: NONE } },
  { op: 'PATCH /api/v1/admin/agencies/{id}', expect: { administrator: NONE } },
  { op: 'POST /api/v1/admin/agencies/{id}/deactivate', expect: { administrator: NONE } },
  { op: 'POST /api/v1/admin/agencies/{id}/activate', expect: { administrator: NONE } },
  { op: 'GET /api/v1/admin/users', expect: each(ADMINS, NONE) },
  { op: 'POST /api/v1/admin/users', expect: each(ADMINS, NONE) },
  { op: 'GET /api/v1/admin/users/{id}', expect: { administrator: NONE } },
  { op: 'PATCH /api/v1/admin/users/{id}', expect: { administrator: NONE } },
  { op: 'POST /api/v1/admin/users/{id}/deactivate', expect: { administrator: NONE } },
  { op: 'POST /api/v1/admin/users/{id}/activate', expect: { administrator: NONE } },
  { op: 'POST /api/v1/admin/users/{id}/activation-reset', expect: { administrator: NONE } },
  // Second-person grants of case-content roles: administrators of the country, supervisors of the agency.
  { op: 'GET /api/v1/user-grants', expect: each([...ADMINS, ...SUPERVISORS], NONE) },
  { op: 'POST /api/v1/user-grants/{id}/approve', expect: { administrator: NONE, supervisor: NONE } },
  { op: 'POST /api/v1/user-grants/{id}/reject', expect: { administrator: NONE, supervisor: NONE } },

  // sign-in (public routes answer everyone; the caller's own account only)
  { op: 'POST /api/v1/auth/login', expect: PUBLIC },
  { op: 'POST /api/v1/auth/refresh', expect: PUBLIC },
  { op: 'POST /api/v1/auth/activate', expect: PUBLIC },
  { op: 'POST /api/v1/auth/logout', expect: each(SIGNED_IN, NONE) },
  { op: 'GET /api/v1/auth/me', expect: each(SIGNED_IN, NONE) },
  { op: 'POST /api/v1/auth/password', expect: each(SIGNED_IN, NONE) },

  // cases: the team reads everything; the country's lead unit operational fields; nobody else
  // Registering another child: the response holds nothing of C (a link is checked at the end of the spec).
  { op: 'POST /api/v1/cases', expect: each(CASE_STAFF, NONE) },
  { op: 'GET /api/v1/cases', expect: { ...LISTING([...CASE_STAFF, ...LEAD_UNITS]), leadUnit: OP } },
  { op: 'GET /api/v1/cases/{id}', expect: { ...CASE_TEAM, leadUnit: OP } },
  { op: 'PATCH /api/v1/cases/{id}', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/assign', expect: SUPERVISOR_ONLY },
  { op: 'POST /api/v1/cases/{id}/phase', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/phase-history', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/closure', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/closure/decision', expect: SUPERVISOR_ONLY },
  { op: 'POST /api/v1/cases/{id}/reopen', expect: SUPERVISOR_ONLY },
  { op: 'POST /api/v1/cases/{id}/age-extension', expect: SUPERVISOR_ONLY },
  { op: 'GET /api/v1/cases/{id}/access-log', expect: { ...SUPERVISOR_ONLY, auditor: NONE } },
  // Candidates the caller may not read: banded similarity and operational fields only.
  { op: 'GET /api/v1/children/matches', expect: MATCHING },
  { op: 'POST /api/v1/cases/{id}/consents', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/consents', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/consents/{consentId}/withdraw', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/assessments', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/assessments', expect: CASE_TEAM },
  { op: 'PATCH /api/v1/cases/{id}/assessments/{recordId}', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/assessments/{recordId}/submit', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/assessments/{recordId}/review', expect: SUPERVISOR_ONLY },
  { op: 'POST /api/v1/cases/{id}/plans', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/plans', expect: CASE_TEAM },
  { op: 'PATCH /api/v1/cases/{id}/plans/{recordId}', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/plans/{recordId}/submit', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/plans/{recordId}/review', expect: SUPERVISOR_ONLY },
  { op: 'POST /api/v1/cases/{id}/interviews', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/interviews', expect: CASE_TEAM },
  // The panel is C's caseworker and supervisor (panel routes check membership, not the case).
  { op: 'POST /api/v1/cases/{id}/bids', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/bids/{bidId}/undertaking', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{id}/bids/{bidId}', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/bids/{bidId}/decision', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{id}/bids/{bidId}/review', expect: SUPERVISOR_ONLY },

  // agreements (GT's, between A and the receiving agencies)
  { op: 'POST /api/v1/agreements', expect: each(ADMINS, NONE) },
  { op: 'GET /api/v1/agreements', expect: each([...REFERRING, ...ADMINS], NONE) },
  { op: 'GET /api/v1/agreements/{id}', expect: each([...REFERRING_GT, 'administrator'], NONE) },
  { op: 'PATCH /api/v1/agreements/{id}', expect: { administrator: NONE } },
  // Each involved country approves for itself (a GT–MX agreement the other country created).
  { op: 'POST /api/v1/agreements/{id}/approve', expect: each(ADMINS, NONE) },

  // referrals: the sending side is exactly C's team; a recipient reads the snapshot only while
  // the referral is active and its consent in force, and always the referral's own terms
  { op: 'POST /api/v1/referrals/inbound/status', expect: {}, deny: 401 },
  { op: 'POST /api/v1/referrals', expect: CASE_TEAM },
  { op: 'GET /api/v1/referrals/inbox', expect: { ...each(REFERRING, NONE), ...each(RECIPIENTS, OP_SE) } },
  { op: 'GET /api/v1/referrals/outbox', expect: LISTING(REFERRING) },
  { op: 'GET /api/v1/referrals/{id}', expect: { ...CASE_TEAM, ...each(RECIPIENTS, OP_SE) } },
  { op: 'GET /api/v1/referrals/{id}/snapshot', expect: { ...CASE_TEAM, focalDuring: OP_ID } },
  { op: 'POST /api/v1/referrals/{id}/dispatch', expect: CASE_TEAM },
  { op: 'POST /api/v1/referrals/{id}/amend', expect: CASE_TEAM },
  { op: 'POST /api/v1/referrals/{id}/cancel', expect: CASE_TEAM },
  { op: 'POST /api/v1/referrals/{id}/retry-delivery', expect: CASE_TEAM },
  { op: 'POST /api/v1/referrals/{id}/accept', expect: { focalDuring: OP_SE } },
  { op: 'POST /api/v1/referrals/{id}/reject', expect: { focalDuring: OP_SE } },
  { op: 'POST /api/v1/referrals/{id}/start', expect: { focalDuring: OP_SE } },
  { op: 'POST /api/v1/referrals/{id}/complete', expect: { focalDuring: OP_SE } },
  { op: 'GET /api/v1/cases/{id}/referrals', expect: CASE_TEAM },

  // notifications: each user their own (the one marked read is caseworkerAssigned's)
  { op: 'GET /api/v1/notifications', expect: LISTING(SIGNED_IN) },
  { op: 'GET /api/v1/notifications/unread-count', expect: each(SIGNED_IN, NONE) },
  { op: 'POST /api/v1/notifications/read-all', expect: each(SIGNED_IN, NONE) },
  { op: 'POST /api/v1/notifications/{id}/read', expect: { caseworkerAssigned: ALL } },

  // follow-ups and indicators: the case team; the lead unit operational fields of its country
  { op: 'GET /api/v1/cases/{caseId}/follow-ups', expect: { ...CASE_TEAM, leadUnit: OP } },
  { op: 'POST /api/v1/cases/{caseId}/follow-ups', expect: CASE_TEAM },
  {
    op: 'GET /api/v1/follow-ups/mine',
    expect: { ...LISTING([...REFERRING, ...LEAD_UNITS]), supervisor: NONE },
  },
  { op: 'POST /api/v1/follow-ups/{id}/complete', expect: CASE_TEAM },
  { op: 'POST /api/v1/follow-ups/{id}/missed', expect: CASE_TEAM },
  { op: 'POST /api/v1/follow-ups/{id}/cancel', expect: CASE_TEAM },
  { op: 'POST /api/v1/cases/{caseId}/indicators', expect: CASE_TEAM },
  { op: 'GET /api/v1/cases/{caseId}/indicators', expect: CASE_TEAM },

  // monitoring: aggregates and operational drill-downs; regional analysts aggregates only
  { op: 'POST /api/v1/monitoring/exports', expect: { ...MONITORING, regionalAnalyst: NONE } },
  { op: 'GET /api/v1/monitoring/exports/{id}', expect: { leadUnit: NONE } },
  { op: 'GET /api/v1/monitoring/exports/{id}/download', expect: { leadUnit: OP } },
  { op: 'GET /api/v1/monitoring/regional/overview', expect: { regionalAnalyst: NONE } },
  { op: 'GET /api/v1/monitoring/regional/{metric}', expect: { regionalAnalyst: NONE } },
  { op: 'GET /api/v1/monitoring/overview', expect: MONITORING },
  { op: 'GET /api/v1/monitoring/{metric}', expect: MONITORING },
  { op: 'GET /api/v1/monitoring/{metric}/items', expect: MONITORING },
  { op: 'GET /api/v1/monitoring/{metric}/items.csv', expect: MONITORING },
];

/** The expectation of one actor on one row, defaults applied. */
export function expectationOf(row: MatrixRow, actor: ActorName): Expectation {
  const declared = row.expect[actor];
  if (declared) return declared;
  if (actor === 'anonymous') return { status: 401 };
  return { status: row.deny ?? 403 };
}
