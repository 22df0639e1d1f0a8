import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from '../directory/agency.entity';
import { AppUser } from '../directory/app-user.entity';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { CredentialsRepository } from './credentials.repository';
import { LoginService } from './login.service';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';

/**
 * Sign-in, rotating refresh tokens, logout, lockout and password changes. Exports
 * SessionsService (to end a user's sessions) and CredentialsRepository (to set a password hash)
 * for the directory's user administration.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, AppUser, Agency])],
  controllers: [AuthController],
  providers: [LoginService, SessionsService, AccountService, CredentialsRepository, RefreshTokensRepository],
  exports: [SessionsService, CredentialsRepository],
})
export class IdentityModule {}
