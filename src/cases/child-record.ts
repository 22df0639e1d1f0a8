import { EntityManager } from 'typeorm';
import type { CaseFile } from './case-file.entity';
import type { ChildData } from './child-data';
import { Child } from './child.entity';
import { LinkedChildRecord } from './linked-child-record.entity';

/**
 * The child as case `c` recorded it: its LinkedChildRecord when the case was linked to a child
 * registered before, else the `child` row its own registration created. Every view, snapshot and
 * duplicate candidate reads a case's child data through here.
 */
export async function childRecordOf(
  m: EntityManager,
  c: Pick<CaseFile, 'id' | 'childId'>,
): Promise<ChildData> {
  return (
    (await m.findOne(LinkedChildRecord, { where: { caseId: c.id } })) ??
    (await m.findOneOrFail(Child, { where: { id: c.childId } }))
  );
}
