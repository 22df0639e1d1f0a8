import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditService } from '../audit-trail/audit.service';
import { AuthzService } from '../authz/authz.service';
import { abilityToSql } from '../authz/casl-sql';
import { Clock } from '../common/clock';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import type { FieldIssue } from '../common/errors/app-error';
import type { Lang } from '../common/errors/lang';
import { Agency } from '../directory/agency.entity';
import { PolicyService } from '../policy/policy.service';
import { METRICS } from './metric-registry';
import type { MetricContext, MetricProvider, MetricScope, ScopeColumns } from './metric.types';
import { aggregateCsv, itemsHeader, itemsLines } from './monitoring-csv';
import { MonitoringErrors } from './monitoring.errors';
import { present, Presented } from './small-cell-suppression';
import { and } from './sql';
import { pageLimit } from '../common/paging/page';

/** What a monitoring route or an export job asks for. */
export interface MonitoringRequest {
  view: 'national' | 'regional';
  /** A metric name, or `overview` for all of them. */
  metric: string;
  items?: boolean;
  from?: string;
  to?: string;
  agencyId?: string;
  countries?: string[];
  filters?: Record<string, string>;
  cursor?: string;
  limit?: number;
}

/** Rows a drill-down CSV may stream directly; beyond this it must be an export job. */
export const DIRECT_CSV_MAX_ROWS = 5000;
/** Periods longer than this are exported through a job. */
export const DIRECT_CSV_MAX_DAYS = 366;
const YEAR_MS = 365 * 86_400_000;
const SUBJECT = { national: 'Monitoring', regional: 'RegionalMonitoring' } as const;

interface Resolved {
  ctx: MetricContext;
  countries: string[] | null;
  agencyId: string | null;
  threshold: number | null;
  thresholdSource: string | null;
}

/**
 * Answers monitoring questions within the caller's scope: national (a lead unit's country, a
 * supervisor's agency) or regional (the analyst, with small cells suppressed). Every read is
 * audited as monitoring.read; no personal data reaches a response other than operational fields.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authz: AuthzService,
    private readonly audit: AuditService,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
  ) {}

  /** Aggregates of one metric or of all (`overview`). */
  async aggregate(actor: Actor, req: MonitoringRequest, now = this.clock.now()) {
    const providers = this.providers(req.metric);
    const results = await Promise.all(
      providers.map(async (p) => {
        const r = await this.resolve(actor, req, p, now, 'read');
        const data = present(await p.aggregate(r.ctx), r.threshold);
        return { metric: p.name, r, data };
      }),
    );
    await this.audited(actor, req, 'monitoring.read');
    const agencies = await this.agencyLabels(results.map((x) => x.data));
    const body = results.map(({ metric, r, data }) => ({
      metric,
      scope: this.scopeOf(r),
      ...data,
      ...(r.threshold !== null
        ? {
            suppression: {
              threshold: r.threshold,
              source: r.thresholdSource,
              marks: {
                [`<${r.threshold}`]: `a count from 1 to ${r.threshold - 1}`,
                x: 'withheld so a small count cannot be recomputed',
              },
            },
          }
        : {}),
    }));
    if (req.metric !== 'overview') return { ...body[0], labels: { agencies } };
    return { metrics: Object.fromEntries(body.map((b) => [b.metric, b])), labels: { agencies } };
  }

  /** One keyset page of a metric's drill-down list (national view only). */
  async items(actor: Actor, req: MonitoringRequest, now = this.clock.now()) {
    const [p] = this.providers(req.metric);
    if (!p.items) throw MonitoringErrors.NO_DRILL_DOWN({ metric: p.name });
    const r = await this.resolve(actor, req, p, now, 'read');
    const filters = this.itemFilters(p, req.filters ?? {});
    const page = await p.items.page(r.ctx, filters, req.cursor ?? null, pageLimit(req));
    await this.audited(actor, req, 'monitoring.read', [...p.items.fields]);
    return { metric: p.name, scope: this.scopeOf(r), filters, fields: p.items.fields, ...page };
  }

  /** A CSV answered in the request: refused with EXPORT_TOO_LARGE over the limits. */
  async directCsv(actor: Actor, req: MonitoringRequest, lang: Lang): Promise<string> {
    const now = this.clock.now();
    const providers = this.providers(req.metric);
    for (const p of providers) {
      const r = await this.resolve(actor, req, p, now, 'export');
      if (
        r.ctx.from &&
        r.ctx.to &&
        r.ctx.to.getTime() - r.ctx.from.getTime() > DIRECT_CSV_MAX_DAYS * 86_400_000
      )
        throw MonitoringErrors.EXPORT_TOO_LARGE({ maxRows: DIRECT_CSV_MAX_ROWS });
    }
    const csv = await this.buildCsv(actor, req, lang, now, DIRECT_CSV_MAX_ROWS);
    await this.audited(
      actor,
      req,
      'export.csv',
      req.items ? [...(providers[0].items?.fields ?? [])] : undefined,
    );
    return csv.content;
  }

  /**
   * The CSV of a request, aggregates or drill-down. `maxRows` bounds a direct answer; export jobs
   * pass none. Authorization is checked again here, so a job runs with its requester's rights.
   */
  async buildCsv(
    actor: Actor,
    req: MonitoringRequest,
    lang: Lang,
    now: Date,
    maxRows?: number,
  ): Promise<{ content: string; rows: number }> {
    const providers = this.providers(req.metric);
    if (!req.items) {
      const results = await Promise.all(
        providers.map(async (p) => {
          const r = await this.resolve(actor, req, p, now, 'export');
          return { metric: p.name, data: present(await p.aggregate(r.ctx), r.threshold) };
        }),
      );
      const content = aggregateCsv(results, lang);
      return { content, rows: content.split('\r\n').length - 2 };
    }
    const p = providers[0];
    if (!p.items) throw MonitoringErrors.NO_DRILL_DOWN({ metric: p.name });
    const r = await this.resolve(actor, req, p, now, 'export');
    const filters = this.itemFilters(p, req.filters ?? {});
    let content = itemsHeader(p.items.fields, lang);
    let rows = 0;
    let cursor: string | null = null;
    do {
      const page = await p.items.page(r.ctx, filters, cursor, 1000);
      rows += page.items.length;
      if (maxRows !== undefined && rows > maxRows) throw MonitoringErrors.EXPORT_TOO_LARGE({ maxRows });
      content += itemsLines(p.items.fields, page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { content, rows };
  }

  /** Checks a request up front (scope, filters, rights) so an export job cannot fail on them later. */
  async validate(actor: Actor, req: MonitoringRequest, now: Date): Promise<void> {
    const providers = this.providers(req.metric);
    for (const p of providers) {
      await this.resolve(actor, req, p, now, 'export');
      if (req.items) {
        if (!p.items) throw MonitoringErrors.NO_DRILL_DOWN({ metric: p.name });
        this.itemFilters(p, req.filters ?? {});
      }
    }
  }

  private providers(metric: string): MetricProvider[] {
    if (metric === 'overview') return [...METRICS.values()];
    const p = METRICS.get(metric);
    if (!p)
      throw MonitoringErrors.METRIC_NOT_FOUND({
        metric,
        available: [...METRICS.keys(), 'overview'].join(', '),
      });
    return [p];
  }

  private itemFilters(p: MetricProvider, given: Record<string, string>): Record<string, string> {
    const allowed = p.items!.filters;
    const issues: FieldIssue[] = [];
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(given)) {
      if (v === undefined) continue;
      const rule = allowed[k];
      if (!rule) issues.push({ field: k, code: 'whitelistValidation' });
      else if (rule instanceof RegExp ? !rule.test(v) : !rule.includes(v))
        issues.push(
          rule instanceof RegExp
            ? { field: k, code: 'matches' }
            : { field: k, code: 'isIn', params: { values: rule.join(', ') } },
        );
      else out[k] = v;
    }
    if (issues.length) throw MonitoringErrors.MONITORING_BAD_FILTER({}, issues);
    return out;
  }

  /** Period, scope SQL and (regional) suppression threshold of a request. */
  private async resolve(
    actor: Actor,
    req: MonitoringRequest,
    p: MetricProvider,
    now: Date,
    action: 'read' | 'export',
  ): Promise<Resolved> {
    const subject = SUBJECT[req.view];
    await this.authz.assert(actor, action, subject);
    const issues: FieldIssue[] = [];
    const parse = (field: 'from' | 'to'): Date | null => {
      const v = req[field];
      if (!v) return null;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) issues.push({ field, code: 'isDateString' });
      return d;
    };
    let from = parse('from');
    let to = parse('to');
    if (from && to && from > to)
      issues.push({
        field: 'from',
        code: 'fromAfterTo',
        message: { es: 'Debe ser anterior o igual a "to".', en: 'Must not be after "to".' },
      });
    if (p.kind === 'flow') {
      // Default: the current month and the eleven before it, whole months (served by rollups).
      const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      to ??=
        from && from.getTime() + YEAR_MS < nextMonth.getTime()
          ? new Date(from.getTime() + YEAR_MS)
          : nextMonth;
      if (!from) {
        from = new Date(to.getTime());
        from.setUTCMonth(from.getUTCMonth() - 12);
      }
    }

    let agencyId: string | null = null;
    let countries: string[] | null = null;
    let threshold: number | null = null;
    let thresholdSource: string | null = null;
    const ability = this.authz.ability(actor);
    const extra: ((c: ScopeColumns) => { sql: string; params: Record<string, unknown> })[] = [];

    if (req.items && req.view === 'regional') issues.push({ field: 'items', code: 'whitelistValidation' });
    if (req.view === 'national') {
      if (req.countries?.length) issues.push({ field: 'countries', code: 'whitelistValidation' });
      if (req.agencyId) {
        const agency = await this.dataSource.manager.findOne(Agency, { where: { id: req.agencyId } });
        if (!agency)
          issues.push({
            field: 'agencyId',
            code: 'unknownAgency',
            message: { es: 'La agencia no existe.', en: 'No such agency.' },
          });
        else {
          if (issues.length) throw MonitoringErrors.MONITORING_BAD_FILTER({}, issues);
          await this.authz.assert(actor, action, subject, {
            countryCode: agency.countryCode,
            agencyId: agency.id,
          });
          agencyId = agency.id;
          extra.push((c) => ({ sql: `${c.agencyId} = :m_agency`, params: { m_agency: agency.id } }));
        }
      }
    } else {
      if (req.agencyId) issues.push({ field: 'agencyId', code: 'whitelistValidation' });
      countries = req.countries?.length ? [...new Set(req.countries)].sort() : [...CRM_COUNTRY_CODES].sort();
      const bad = countries.filter((c) => !CRM_COUNTRY_CODES.includes(c));
      if (bad.length)
        issues.push({ field: 'countries', code: 'isIn', params: { values: CRM_COUNTRY_CODES.join(', ') } });
      // The strictest threshold among the countries in the table: it must satisfy each one's rule.
      const rules = countries
        .filter((c) => CRM_COUNTRY_CODES.includes(c))
        .map((c) => ({ c, rule: this.policy.rule<number>(c, 'aggregates.smallCellThreshold') }));
      const strictest = rules.reduce((a, b) => (b.rule.value > a.rule.value ? b : a), rules[0]);
      if (strictest) {
        threshold = strictest.rule.value;
        thresholdSource = `${strictest.rule.source.file}#${strictest.rule.source.key} (${strictest.c})`;
      }
      const list = countries;
      extra.push((c) => ({ sql: `${c.countryCode} IN (:...m_countries)`, params: { m_countries: list } }));
    }
    if (issues.length) throw MonitoringErrors.MONITORING_BAD_FILTER({}, issues);

    const scope: MetricScope = {
      where: (columns) =>
        and(abilityToSql(ability, action, subject, { ...columns }), ...extra.map((f) => f(columns))),
    };
    const manager: EntityManager = this.dataSource.manager;
    return { ctx: { manager, scope, from, to, now }, countries, agencyId, threshold, thresholdSource };
  }

  private scopeOf(r: Resolved) {
    return {
      countries: r.countries,
      agencyId: r.agencyId,
      from: r.ctx.from?.toISOString() ?? null,
      to: r.ctx.to?.toISOString() ?? null,
      asOf: r.ctx.now.toISOString(),
    };
  }

  /** Names of the agencies that appear as categories (operational, not personal). */
  private async agencyLabels(results: Presented[]): Promise<Record<string, string>> {
    const ids = [
      ...new Set(
        results.flatMap((d) => d.tables.filter((t) => t.dimension === 'agency').flatMap((t) => t.columns)),
      ),
    ].filter((id) => /^[0-9a-f-]{36}$/.test(id));
    if (!ids.length) return {};
    const rows = await this.dataSource.manager
      .createQueryBuilder(Agency, 'a')
      .select(['a.id', 'a.name'])
      .where('a.id IN (:...ids)', { ids })
      .getMany();
    return Object.fromEntries(rows.map((a) => [a.id, a.name]));
  }

  private async audited(
    actor: Actor,
    req: MonitoringRequest,
    action: string,
    fields?: string[],
  ): Promise<void> {
    await this.audit.recordAlone({
      actor,
      action,
      subjectType: SUBJECT[req.view],
      subjectId: `${req.view === 'regional' ? 'regional/' : ''}${req.metric}${req.items ? '/items' : ''}`,
      fields: fields ?? ['aggregates'],
      purpose: 'monitoring',
    });
  }
}
