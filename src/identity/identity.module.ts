import { Module } from '@nestjs/common';
import { AccountService } from './account.service';
import { ActivationService } from './activation.service';
import { ActivationsRepository } from './activations.repository';
import { AuthController } from './auth.controller';
import { CredentialsRepository } from './credentials.repository';
import { LoginRateLimiter } from './login-rate-limiter';
import { LoginService } from './login.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';

/**
 * Sign-in (per-address rate limit, lockout), rotating refresh tokens, logout, password changes
 * and single-use activation. Exports SessionsService (to end a user's sessions),
 * CredentialsRepository and ActivationService (to issue activation tokens) for the directory's
 * user administration. The directory sits above identity: identity never imports it (its tables
 * reach app_user by SQL and by entity name).
 */
@Module({
  controllers: [AuthController],
  providers: [
    LoginService,
    LoginRateLimiter,
    SessionsService,
    AccountService,
    ActivationService,
    CredentialsRepository,
    ActivationsRepository,
    RefreshTokensRepository,
  ],
  exports: [SessionsService, CredentialsRepository, ActivationService],
})
export class IdentityModule {}
