import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AgenciesRepository } from './agencies.repository';
import { AgencyAdminController } from './agency-admin.controller';
import { AgencyAdminService } from './agency-admin.service';
import { AgencyDirectory } from './agency-directory';
import { DirectorySearchService } from './directory-search.service';
import { DirectoryController } from './directory.controller';
import { DirectoryPolicy } from './directory.policy';
import { ServiceTypeCatalog } from './service-types';
import { UserAdminController } from './user-admin.controller';
import { UserAdminService } from './user-admin.service';
import { UserGrantsController } from './user-grants.controller';
import { UserGrantsRepository } from './user-grants.repository';
import { UserGrantsService } from './user-grants.service';
import { UsersRepository } from './users.repository';

/**
 * The CRM network's directory: countries, service types, agencies and users; the administrators'
 * management routes and the caseworkers' search. Exports AgencyDirectory (look up a recipient)
 * and ServiceTypeCatalog (what data a service needs) for the referrals module.
 */
@Module({
  imports: [IdentityModule],
  controllers: [DirectoryController, AgencyAdminController, UserAdminController, UserGrantsController],
  providers: [
    DirectoryPolicy,
    ServiceTypeCatalog,
    AgenciesRepository,
    UsersRepository,
    AgencyAdminService,
    UserAdminService,
    UserGrantsRepository,
    UserGrantsService,
    DirectorySearchService,
    AgencyDirectory,
  ],
  exports: [AgencyDirectory, ServiceTypeCatalog],
})
export class DirectoryModule {}
