import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { ActorTokenCodec } from './actor-token.codec';

const actor: Actor = {
  userId: '0190a0b0-0000-7000-8000-000000000001',
  role: Role.Caseworker,
  agencyId: '0190a0b0-0000-7000-8000-000000000002',
  countryCode: 'GT',
  language: 'en',
};

describe('ActorTokenCodec', () => {
  const access = new ActorTokenCodec('a-secret-of-enough-length-for-tests');
  const dashboard = new ActorTokenCodec('a-secret-of-enough-length-for-tests', 'enlace-queue-dashboard');

  it('round-trips the actor', () => {
    expect(access.verify(access.sign(actor, 60))).toEqual(actor);
    expect(dashboard.verify(dashboard.sign(actor, 60))).toEqual(actor);
  });

  it('accepts a token only for the audience it was signed for', () => {
    expect(access.verify(dashboard.sign(actor, 60))).toBeNull();
    expect(dashboard.verify(access.sign(actor, 60))).toBeNull();
  });

  it('refuses an expired token or one signed with another secret', () => {
    expect(access.verify(access.sign(actor, 60, Math.floor(Date.now() / 1000) - 120))).toBeNull();
    expect(new ActorTokenCodec('another-secret-of-enough-length').verify(access.sign(actor, 60))).toBeNull();
  });
});
