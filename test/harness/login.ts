import type { TestApp } from './test-app';

export interface Tokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
}

/** Signs a user in through the real route; fails the test with the problem body if it does not answer 200. */
export async function login(t: TestApp, email: string, password: string): Promise<Tokens> {
  const res = await t.request('POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Tokens;
}
