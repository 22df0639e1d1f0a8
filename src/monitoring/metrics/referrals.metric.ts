import type { MetricContext, MetricData, MetricProvider } from '../metric.types';
import { and, period, query } from '../sql';
import { keysetPage } from './case-items';
import { REFERRAL_STATUSES, unansweredSql } from '../../referrals/referral-lifecycle';

/** Every status of the referrals module's lifecycle once dispatched (drafts are never counted). */
export const DISPATCHED_STATUSES = REFERRAL_STATUSES.filter((s) => s !== 'draft');
/** Referrals are scoped by their sender's country and sending agency. */
const SCOPE = { countryCode: 'r.sender_country', agencyId: 'r.sender_agency_id' };
/** When the recipient accepted: responded_at of a referral whose answer was acceptance. */
const ACCEPTED_AT = `(CASE WHEN r.status IN ('accepted', 'in_progress', 'completed') THEN r.responded_at END)`;
const DISPATCHED = { sql: 'r.dispatched_at IS NOT NULL', params: {} };
/**
 * The referrals module's own "overdue" (its outbox `overdue` filter and the escalation scan's
 * candidates): still awaiting the recipient's answer (UNANSWERED_STATUSES) past the response deadline.
 */
const OVERDUE = `${unansweredSql('r')} AND r.response_due_at < CAST(:now AS timestamptz)`;

/**
 * Reads the referrals module's table: referral(id, case_id, sender_agency_id, sender_country,
 * recipient_agency_id, status, dispatched_at, responded_at, response_due_at).
 * Referrals dispatched in the period by status; overdue (unanswered past the deadline); per
 * country the acceptance rate (accepted / answered) and the median hours from dispatch to acceptance.
 */
export const referralsMetric: MetricProvider = {
  name: 'referrals',
  kind: 'flow',
  async aggregate(ctx: MetricContext): Promise<MetricData> {
    const where = and(DISPATCHED, ctx.scope.where(SCOPE), period('r.dispatched_at', ctx.from, ctx.to));
    const params = { ...where.params, now: ctx.now };
    const byStatus = await query<{ country: string; status: string; n: number }>(
      ctx.manager,
      `SELECT r.sender_country AS country, r.status, count(*)::int AS n
         FROM referral r WHERE ${where.sql} GROUP BY 1, 2`,
      params,
    );
    const perCountry = await query<{
      country: string;
      answered: number;
      accepted: number;
      overdue: number;
      median_hours: string | null;
    }>(
      ctx.manager,
      `SELECT r.sender_country AS country,
              count(*) FILTER (WHERE r.responded_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE ${ACCEPTED_AT} IS NOT NULL)::int AS accepted,
              count(*) FILTER (WHERE ${OVERDUE})::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (${ACCEPTED_AT} - r.dispatched_at)) / 3600)
                FILTER (WHERE ${ACCEPTED_AT} IS NOT NULL) AS median_hours
         FROM referral r WHERE ${where.sql} GROUP BY 1`,
      params,
    );
    return {
      tables: [
        {
          name: 'byStatus',
          dimension: 'status',
          columns: DISPATCHED_STATUSES,
          cells: byStatus.map((r) => ({ country: r.country, key: r.status, count: r.n })),
        },
        {
          name: 'overdue',
          dimension: null,
          cells: perCountry.map((r) => ({ country: r.country, key: null, count: r.overdue })),
        },
      ],
      stats: perCountry.map((r) => ({
        country: r.country,
        base: r.answered,
        values: {
          acceptanceRate: r.answered ? Math.round((r.accepted / r.answered) * 1000) / 1000 : null,
          medianHoursToAccept: r.median_hours === null ? null : Math.round(Number(r.median_hours) * 10) / 10,
        },
      })),
    };
  },
  items: {
    filters: { status: DISPATCHED_STATUSES, overdue: ['true'] },
    fields: [
      'caseNumber',
      'countryCode',
      'status',
      'senderAgencyId',
      'recipientAgencyId',
      'dispatchedAt',
      'acceptedAt',
      'respondedAt',
      'responseDueAt',
      'overdue',
    ],
    page(ctx, filters, cursor, limit) {
      const where = and(
        DISPATCHED,
        ctx.scope.where(SCOPE),
        period('r.dispatched_at', ctx.from, ctx.to),
        filters.status ? { sql: 'r.status = :f_status', params: { f_status: filters.status } } : null,
        filters.overdue ? { sql: OVERDUE, params: {} } : null,
      );
      return keysetPage(ctx, {
        list: 'referrals',
        select: `c.case_number AS "caseNumber", r.sender_country AS "countryCode", r.status AS "status",
                 r.sender_agency_id AS "senderAgencyId", r.recipient_agency_id AS "recipientAgencyId",
                 r.dispatched_at AS "dispatchedAt", ${ACCEPTED_AT} AS "acceptedAt", r.responded_at AS "respondedAt",
                 r.response_due_at AS "responseDueAt", (${OVERDUE}) AS "overdue"`,
        from: 'referral r JOIN case_file c ON c.id = r.case_id',
        where,
        sort: 'r.dispatched_at',
        id: 'r.id',
        cursor,
        limit,
      });
    },
  },
};
