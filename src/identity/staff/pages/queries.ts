import type { StaffAgency } from '../../../db/tables.js';
import type { Db } from '../../../registry/index.js';
import type { StaffAccount } from '../repository.js';

/** The staff of one agency, for its admins' list: active first, then by name. */
export async function listAgencyStaff(db: Db, agency: StaffAgency): Promise<StaffAccount[]> {
  return db
    .selectFrom('staff_accounts')
    .selectAll()
    .where('agency', '=', agency)
    .orderBy((eb) => eb.case().when('disabled_at', 'is', null).then(0).else(1).end())
    .orderBy('name_en')
    .limit(500)
    .execute();
}
