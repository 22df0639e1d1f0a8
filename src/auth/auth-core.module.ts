import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { AuthGuard } from './auth.guard';

/** Token verification and the global guard; login and refresh live in the identity module. */
@Global()
@Module({
  providers: [AccessTokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService],
})
export class AuthCoreModule {}
