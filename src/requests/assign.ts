import type { Kysely } from 'kysely';
import type { Database, ServiceRequestRow } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import type { Origin, RequestActor, RequestsDeps } from './deps.js';
import { eventActor, lockVisibleRequest } from './act.js';
import { appendAudit } from './ports.js';
import { updateRequestState } from './repository.js';

/**
 * Who works a request: an officer takes it ("assign to me"), a supervisor gives it to another
 * officer of the agency. The state does not change, but the history records it, so the
 * timeline shows who had the request when.
 */

async function recordAssignment(
  trx: Kysely<Database>,
  options: RequestsDeps & Origin & { actor: RequestActor & { kind: 'staff' }; row: ServiceRequestRow; action: 'assign' | 'reassign'; staffId: string },
): Promise<void> {
  const { row, clock } = options;
  const now = clock.now();
  const version = row.version + 1;
  await updateRequestState(trx, row.id, row.version, {
    state: row.state,
    final: row.final,
    version,
    stateEnteredAt: row.state_entered_at,
    dueAt: row.due_at,
    outputs: row.outputs,
    assignedStaffId: options.staffId,
    now,
  }, {
    request_id: row.id,
    seq: version,
    action: options.action,
    from_state: row.state,
    to_state: row.state,
    ...eventActor(options.actor, null),
    reason_code: null,
    reason_text: null,
    details: JSON.stringify({ staffId: options.staffId }),
    occurred_at: now,
  });
  await appendAudit(trx, { actorKind: 'staff', actorId: options.actor.staffId, action: `requests.${options.action}`, subjectPersonId: row.beneficiary_person_id, ip: options.ip ?? null, details: { reference: row.reference, staffId: options.staffId } }, clock);
}

export async function assignToMe(options: RequestsDeps & Origin & { actor: RequestActor; reference: string; expectedVersion?: number | undefined }): Promise<void> {
  const { actor } = options;
  if (actor.kind !== 'staff' || (actor.role !== 'officer' && actor.role !== 'supervisor')) throw new AppError('requests.forbidden');
  await options.db.transaction().execute(async (trx) => {
    const row = await lockVisibleRequest(trx, options.reference, actor);
    if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) throw new AppError('requests.conflict');
    if (row.final) throw new AppError('requests.action_not_allowed');
    if (row.assigned_staff_id === actor.staffId) return;
    // Taking a request someone else holds is a supervisor's decision.
    if (row.assigned_staff_id && actor.role !== 'supervisor') throw new AppError('requests.conflict');
    await recordAssignment(trx, { ...options, actor, row, action: 'assign', staffId: actor.staffId });
  });
}

/**
 * A supervisor gives the request to an officer of the same agency. `isAgencyOfficer` checks who
 * they are, reading through the transaction it is given (the request's lock is held by then).
 */
export async function reassignRequest(
  options: RequestsDeps &
    Origin & {
      actor: RequestActor;
      reference: string;
      toStaffId: string;
      expectedVersion?: number | undefined;
      isAgencyOfficer: (db: Kysely<Database>, staffId: string, agency: string) => Promise<boolean>;
    },
): Promise<void> {
  const { actor } = options;
  if (actor.kind !== 'staff' || actor.role !== 'supervisor') throw new AppError('requests.forbidden');
  await options.db.transaction().execute(async (trx) => {
    const row = await lockVisibleRequest(trx, options.reference, actor);
    if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) throw new AppError('requests.conflict');
    if (row.final) throw new AppError('requests.action_not_allowed');
    if (!(await options.isAgencyOfficer(trx, options.toStaffId, row.agency))) throw new AppError('staff.not_found');
    await recordAssignment(trx, { ...options, actor, row, action: 'reassign', staffId: options.toStaffId });
  });
}
