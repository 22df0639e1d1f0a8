import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';

/**
 * What other modules (referrals, follow-ups) read of the directory. `find` returns the whole
 * agency, including an external agency's delivery endpoint and secret name, for server-side use
 * only: never return it to a caller without redacting it.
 */
@Injectable()
export class AgencyDirectory {
  constructor(private readonly agencies: AgenciesRepository) {}

  find(manager: EntityManager, id: string): Promise<Agency | null> {
    return this.agencies.findById(manager, id);
  }
}
