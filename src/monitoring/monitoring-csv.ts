import type { Lang } from '../common/errors/lang';
import type { MetricItem } from './metric.types';
import type { Presented } from './small-cell-suppression';

/** Excel opens UTF-8 CSV correctly only with a byte-order mark. */
export const BOM = '\uFEFF';

const AGGREGATE_HEADERS: Record<Lang, string[]> = {
  es: ['métrica', 'tabla', 'país', 'categoría', 'medida', 'valor'],
  en: ['metric', 'table', 'country', 'category', 'measure', 'value'],
};

const ITEM_HEADERS: Record<string, Record<Lang, string>> = {
  caseNumber: { es: 'Número de caso', en: 'Case number' },
  countryCode: { es: 'País', en: 'Country' },
  agencyId: { es: 'Id de la agencia', en: 'Agency id' },
  agencyName: { es: 'Agencia', en: 'Agency' },
  phase: { es: 'Fase', en: 'Phase' },
  riskLevel: { es: 'Riesgo', en: 'Risk' },
  status: { es: 'Estado', en: 'Status' },
  returnedAt: { es: 'Fecha de retorno', en: 'Returned at' },
  openedAt: { es: 'Fecha de apertura', en: 'Opened at' },
  closedAt: { es: 'Fecha de cierre', en: 'Closed at' },
  closureReason: { es: 'Motivo de cierre', en: 'Closure reason' },
  ageBand: { es: 'Grupo de edad', en: 'Age band' },
  sex: { es: 'Sexo', en: 'Sex' },
  nationality: { es: 'Nacionalidad', en: 'Nationality' },
  dueAt: { es: 'Fecha prevista', en: 'Due at' },
  overdueSince: { es: 'Vencido desde', en: 'Overdue since' },
  escalationLevel: { es: 'Nivel de escalamiento', en: 'Escalation level' },
  daysOverdue: { es: 'Días de atraso', en: 'Days overdue' },
  senderAgencyId: { es: 'Agencia remitente', en: 'Sending agency' },
  recipientAgencyId: { es: 'Agencia receptora', en: 'Receiving agency' },
  dispatchedAt: { es: 'Fecha de envío', en: 'Dispatched at' },
  acceptedAt: { es: 'Fecha de aceptación', en: 'Accepted at' },
  respondedAt: { es: 'Fecha de respuesta', en: 'Responded at' },
  responseDueAt: { es: 'Plazo de respuesta', en: 'Response due at' },
  overdue: { es: 'Vencida', en: 'Overdue' },
};

/** RFC 4180 quoting; text starting with = + - @ is prefixed with ' so a spreadsheet never runs it. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: unknown[]) => fields.map(csvField).join(',') + '\r\n';

/** One line per published number, in long form (works the same for national and regional). */
export function aggregateCsv(results: { metric: string; data: Presented }[], lang: Lang): string {
  let out = BOM + line(AGGREGATE_HEADERS[lang]);
  // Labels for the rows that sum over countries or categories ("total" reads the same in both).
  const total = 'total';
  const all = lang === 'es' ? 'todos' : 'all';
  for (const { metric, data } of results) {
    for (const t of data.tables) {
      for (const row of t.rows) {
        for (const col of t.columns) {
          out += line([metric, t.name, row.country, col, 'count', row.cells[col]]);
          for (const [k, v] of Object.entries(row.values?.[col] ?? {}))
            out += line([metric, t.name, row.country, col, k, v]);
        }
        if (t.dimension !== null) out += line([metric, t.name, row.country, total, 'count', row.total]);
      }
      if (t.rows.length > 1) {
        for (const col of t.columns) out += line([metric, t.name, all, col, 'count', t.totals.cells[col]]);
        if (t.dimension !== null) out += line([metric, t.name, all, total, 'count', t.totals.total]);
      }
    }
    for (const s of data.stats)
      for (const [k, v] of Object.entries(s.values)) out += line([metric, 'stats', s.country, '', k, v]);
  }
  return out;
}

export function itemsHeader(fields: readonly string[], lang: Lang): string {
  return BOM + line(fields.map((f) => ITEM_HEADERS[f]?.[lang] ?? f));
}

export function itemsLines(fields: readonly string[], items: MetricItem[]): string {
  return items.map((i) => line(fields.map((f) => i[f]))).join('');
}
