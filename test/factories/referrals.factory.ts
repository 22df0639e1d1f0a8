import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataSharingAgreement } from '../../src/agreements/agreement.entity';
import type { Agency } from '../../src/directory/agency.entity';

/**
 * Inserts an active agreement between the agencies (by id) for the purposes and categories,
 * already approved by every involved country (unless `over.approvals` says otherwise).
 */
export async function makeAgreement(
  ds: DataSource,
  parties: Agency[],
  over: Partial<DataSharingAgreement> = {},
): Promise<DataSharingAgreement> {
  const repo = ds.getRepository(DataSharingAgreement);
  const involvedCountries = over.involvedCountries ?? [...new Set(parties.map((p) => p.countryCode))].sort();
  const createdBy = over.createdBy ?? randomUUID();
  return repo.save(
    repo.create({
      reference: `CONV-${randomUUID().slice(0, 6)}`,
      title: 'Convenio de prueba',
      partyAgencyIds: parties.map((p) => p.id),
      partyCountryCodes: [],
      involvedCountries,
      purposes: ['health_care'],
      dataCategories: ['identification', 'contact', 'case_summary', 'health', 'assessments'],
      validFrom: new Date(Date.now() - 30 * 86_400_000),
      validUntil: null,
      status: 'active',
      createdBy,
      approvals: involvedCountries.map((countryCode) => ({
        countryCode,
        approvedBy: createdBy,
        approvedAt: new Date().toISOString(),
      })),
      ...over,
    }),
  );
}
