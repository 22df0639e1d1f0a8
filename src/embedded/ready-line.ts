/**
 * The demo account the ready line offers (a caseworker: the tour in docs/tour.md starts with
 * them). The seed creates it; src/seed/demo-directory.ts has every demo user and the password.
 */
export const DEMO_ACCOUNT = { email: 'caseworker.gt@demo.enlace.example', password: 'Enlace-Demo-2026!' };

/**
 * The one line that says the demo is usable: where the API and its docs are and how to sign in.
 * Starts with "ready in" (scripts and tests wait for it).
 */
export function readyLine(o: {
  ms: number;
  port: number;
  account: { email: string; password: string } | null;
}): string {
  const base = `http://localhost:${o.port}`;
  const signIn = o.account
    ? `sign in as ${o.account.email} / ${o.account.password} (docs/tour.md walks through it)`
    : 'no demo users in this database (seed with DEMO_SEED=always or npm run seed)';
  return `ready in ${o.ms} ms: API ${base}, API docs ${base}/docs, ${signIn}. Ctrl-C stops everything.`;
}
