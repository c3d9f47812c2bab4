import type { GuardianshipBasis } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { dateText, yearsToDays } from './dates.js';
import { rowId, TABLE_CODE } from './identifiers.js';

/** Family links: marriages, parent and child, guardianship of minors. */

export function marry(b: Builder, husband: PersonRef, wife: PersonRef, contractedOn: number, endedOn: number | null = null): void {
  b.rows.marriages.push({
    id: rowId(husband.time, husband.nid9, TABLE_CODE.marriage, husband.slots.marriage++),
    husband_id: husband.id,
    wife_id: wife.id,
    contracted_on: dateText(contractedOn),
    ended_on: endedOn === null ? null : dateText(endedOn),
  });
}

/**
 * Links a child to its parents and, while the child is a minor (under 18), records the
 * guardian: the father, or the mother from the day the father died.
 */
export function linkChild(b: Builder, child: PersonRef, father: PersonRef, mother: PersonRef, fatherDiedOn: number | null = null): void {
  b.rows.parent_child.push({ parent_id: father.id, child_id: child.id }, { parent_id: mother.id, child_id: child.id });
  if (child.row.deceased || b.asOf - child.birthDay >= yearsToDays(18)) return;
  if (father.row.deceased) {
    if (!mother.row.deceased) addGuardianship(b, mother, child, 'mother', Math.max(child.birthDay, fatherDiedOn ?? child.birthDay));
  } else {
    addGuardianship(b, father, child, 'father', child.birthDay);
  }
}

export function addGuardianship(b: Builder, guardian: PersonRef, ward: PersonRef, basis: GuardianshipBasis, startsOn: number): void {
  b.rows.guardianships.push({ guardian_id: guardian.id, ward_id: ward.id, basis, starts_on: dateText(startsOn), ends_on: null });
}
