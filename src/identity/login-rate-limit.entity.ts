import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Sign-in attempts per client address in the current fixed window (see LoginRateLimiter). */
@Entity('login_rate_limit')
export class LoginRateLimit {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'login_rate_limit_pkey' })
  address: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer' })
  attempts: number;
}
