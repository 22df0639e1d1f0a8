import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountService } from './account.service';
import { ActivationService } from './activation.service';
import { ActivationsRepository } from './activations.repository';
import { AuthController } from './auth.controller';
import { CredentialsRepository } from './credentials.repository';
import { LoginRateLimit } from './login-rate-limit.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { LoginService } from './login.service';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';
import { UserActivation } from './user-activation.entity';

/**
 * Sign-in (per-address rate limit, lockout), rotating refresh tokens, logout, password changes
 * and single-use activation. Exports SessionsService (to end a user's sessions),
 * CredentialsRepository and ActivationService (to issue activation tokens) for the directory's
 * user administration. The directory sits above identity: identity never imports it (its tables
 * reach app_user by SQL and by entity name).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, UserActivation, LoginRateLimit])],
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
