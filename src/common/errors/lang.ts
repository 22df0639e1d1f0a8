export type Lang = 'es' | 'en';
export type Localized = Record<Lang, string>;

/** Picks Spanish or English from an Accept-Language header, honouring q-values; Spanish by default. */
export function pickLang(header: string | string[] | undefined): Lang {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return 'es';
  const ranked = raw
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.base === 'es' || r.base === 'en') return r.base;
  return 'es';
}

export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
