import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserActivation } from './user-activation.entity';

/** Activation tokens, looked up by their sha256, never stored in clear. */
@Injectable()
export class ActivationsRepository {
  /** Replaces the user's earlier tokens with this one (only the newest can be used). */
  async replace(
    m: EntityManager,
    t: Pick<UserActivation, 'userId' | 'tokenHash' | 'issuedTo' | 'issuedAt' | 'expiresAt'>,
  ): Promise<void> {
    await m.delete(UserActivation, { userId: t.userId });
    await m.insert(UserActivation, t);
  }

  /** An unused, unexpired token; `lock` (in a transaction) so two activations cannot both spend it. */
  usable(m: EntityManager, tokenHash: string, now: Date, lock = false): Promise<UserActivation | null> {
    const qb = m
      .createQueryBuilder(UserActivation, 'a')
      .where('a.token_hash = :tokenHash AND a.used_at IS NULL AND a.expires_at > :now', { tokenHash, now });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async markUsed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(UserActivation, { id }, { usedAt: at });
  }
}
