/** Age bands for operational views (exact dates of birth are identifying). */
export function ageBand(dateOfBirth: string | null, at: Date): string | null {
  const age = ageOn(dateOfBirth, at);
  if (age === null) return null;
  if (age < 6) return '0-5';
  if (age < 12) return '6-11';
  if (age < 15) return '12-14';
  if (age < 18) return '15-17';
  return '18+';
}

/** Whole years between a date of birth (YYYY-MM-DD) and an instant, in UTC. */
export function ageOn(dateOfBirth: string | null, at: Date): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}

/** YYYY-MM-DD plus whole years (29 February moves to 1 March in common years). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
