/** Policy durations: `24h`, `7d`, `3mo` (calendar months), `5y`. */
const RE = /^(\d+)(h|d|mo|y)$/;

export function isDuration(v: unknown): v is string {
  return typeof v === 'string' && RE.test(v);
}

export function addDuration(from: Date, spec: string): Date {
  const m = RE.exec(spec);
  if (!m) throw new Error(`Invalid duration "${spec}"`);
  const n = Number(m[1]);
  const d = new Date(from.getTime());
  switch (m[2]) {
    case 'h':
      return new Date(d.getTime() + n * 3_600_000);
    case 'd':
      return new Date(d.getTime() + n * 86_400_000);
    case 'mo':
      d.setUTCMonth(d.getUTCMonth() + n);
      return d;
    default:
      d.setUTCFullYear(d.getUTCFullYear() + n);
      return d;
  }
}
