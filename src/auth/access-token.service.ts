import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import type { Actor } from '../common/actor';
import { ActorTokenCodec } from './actor-token.codec';

/** Signs and verifies short-lived access tokens (HS256). Refresh tokens live in the identity module. */
@Injectable()
export class AccessTokenService {
  private readonly codec: ActorTokenCodec;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.codec = new ActorTokenCodec(env.jwtSecret);
  }

  sign(actor: Actor, nowSeconds = Math.floor(Date.now() / 1000)): string {
    return this.codec.sign(actor, this.env.jwtAccessTtlSeconds, nowSeconds);
  }

  get ttlSeconds(): number {
    return this.env.jwtAccessTtlSeconds;
  }

  /** Returns the actor, or null for any invalid, expired or malformed token, or one with an audience. */
  verify(token: string): Actor | null {
    return this.codec.verify(token);
  }
}
