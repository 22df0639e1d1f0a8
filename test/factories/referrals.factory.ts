import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataSharingAgreement } from '../../src/agreements/agreement.entity';
import type { Agency } from '../../src/directory/agency.entity';

/** Inserts an active agreement between the agencies (by id) for the purposes and categories. */
export async function makeAgreement(
  ds: DataSource,
  parties: Agency[],
  over: Partial<DataSharingAgreement> = {},
): Promise<DataSharingAgreement> {
  const repo = ds.getRepository(DataSharingAgreement);
  return repo.save(
    repo.create({
      reference: `CONV-${randomUUID().slice(0, 6)}`,
      title: 'Convenio de prueba',
      partyAgencyIds: parties.map((p) => p.id),
      partyCountryCodes: [],
      involvedCountries: [...new Set(parties.map((p) => p.countryCode))].sort(),
      purposes: ['health_care'],
      dataCategories: ['identification', 'contact', 'case_summary', 'health', 'assessments'],
      validFrom: new Date(Date.now() - 30 * 86_400_000),
      validUntil: null,
      status: 'active',
      createdBy: randomUUID(),
      ...over,
    }),
  );
}
