import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../common/role';

/** Who receives escalations: active users by role and agency, or by role and country. */
@Injectable()
export class NotificationRecipientsRepository {
  /** Active supervisors of the given agencies, grouped by agency id. */
  async supervisorsOf(manager: EntityManager, agencyIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!agencyIds.length) return out;
    const rows: { id: string; agency_id: string }[] = await manager.query(
      `SELECT id, agency_id FROM app_user WHERE role = $1 AND active AND agency_id = ANY($2::uuid[])`,
      [Role.Supervisor, agencyIds],
    );
    for (const r of rows) out.set(r.agency_id, [...(out.get(r.agency_id) ?? []), r.id]);
    return out;
  }

  /** Active lead-unit officers whose agency is in each country, grouped by country code. */
  async leadUnitOfficersOf(manager: EntityManager, countries: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!countries.length) return out;
    const rows: { id: string; country_code: string }[] = await manager.query(
      `SELECT u.id, a.country_code FROM app_user u JOIN agency a ON a.id = u.agency_id
        WHERE u.role = $1 AND u.active AND a.country_code = ANY($2::text[])`,
      [Role.LeadUnitOfficer, countries],
    );
    for (const r of rows) out.set(r.country_code, [...(out.get(r.country_code) ?? []), r.id]);
    return out;
  }
}
