import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

/** Queries on refresh tokens. Tokens are looked up by their sha256, never stored in clear. */
@Injectable()
export class RefreshTokensRepository {
  insert(
    m: EntityManager,
    t: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'issuedAt' | 'expiresAt'>,
  ): Promise<unknown> {
    return m.insert(RefreshToken, t);
  }

  /** Locks the row so two concurrent refreshes of one token are serialized (the second is a reuse). */
  findByHashForUpdate(m: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return m
      .createQueryBuilder(RefreshToken, 'rt')
      .setLock('pessimistic_write')
      .where('rt.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markUsed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(RefreshToken, { id }, { usedAt: at });
  }

  async revokeFamily(m: EntityManager, familyId: string, at: Date): Promise<void> {
    await m.query(`UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
      at,
    ]);
  }

  async revokeAllOfUser(m: EntityManager, userId: string, at: Date): Promise<void> {
    await m.query(`UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      at,
    ]);
  }
}
