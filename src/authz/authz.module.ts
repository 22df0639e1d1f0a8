import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AuthorizeGuard } from './authorize.guard';
import { AuthzService } from './authz.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [AbilityFactory, AuthzService, { provide: APP_GUARD, useClass: AuthorizeGuard }],
  exports: [AbilityFactory, AuthzService],
})
export class AuthzModule {}
