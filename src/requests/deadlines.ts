import type { Origin, RequestsDeps } from './deps.js';
import { actOnRequest } from './act.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { riyadhDate } from '../kernel/dates.js';
import { translate } from '../kernel/i18n/index.js';
import { appendAudit, enqueueMessage, supervisorContacts } from './ports.js';
import { claimIdempotencyKey, findRequestById, listDueRequests, updateRequestState } from './repository.js';

/**
 * The engine's clock work, run by the worker: a request whose state's time has run out either
 * times out (the state's `onTimeout` action, e.g. an unpaid request expires) or is marked
 * overdue and escalated to the agency's supervisors, once. Each request is handled in its own
 * transaction under its lock, so two workers, or a worker and an officer, never both act.
 * The supervisors are told by SMS the first time each day that their agency's requests run late
 * (one message a day, not one a request: the queue's "overdue" filter lists them).
 */

/**
 * Tells an agency's supervisors, once a Riyadh day, that requests of theirs are overdue; in the
 * escalation's transaction. "Already told today" is a row of idempotency_keys (scope
 * requests.overdue_notice, key agency:date): claimed in the same transaction, so two workers
 * never both send it, and gone with the escalation if it rolls back.
 */
async function tellSupervisorsOnceToday(trx: Kysely<Database>, clock: Clock, agency: string): Promise<void> {
  const now = clock.now();
  const first = await claimIdempotencyKey(trx, { scope: 'requests.overdue_notice', key: `${agency}:${riyadhDate(now)}`, bodyHash: '', now });
  if (!first) return;
  for (const supervisor of await supervisorContacts(trx, agency)) {
    await enqueueMessage(trx, { channel: 'sms', to: supervisor.mobile, locale: supervisor.language, template: 'staff.requests_overdue', params: { agency: translate(supervisor.language, `agency.${agency}`) } }, clock);
  }
}

export interface DeadlineCounts {
  timedOut: number;
  escalated: number;
}

export async function runDeadlines(options: RequestsDeps & Origin & { batch?: number }): Promise<DeadlineCounts> {
  const { db, clock, catalogue } = options;
  const counts: DeadlineCounts = { timedOut: 0, escalated: 0 };
  const due = await listDueRequests(db, clock.now(), options.batch ?? 500);
  for (const candidate of due) {
    const service = catalogue.find(candidate.service_id);
    if (!service) continue;
    const timeout = service.workflow.states[candidate.state]?.sla?.onTimeout;
    if (timeout) {
      try {
        await actOnRequest({ ...options, actor: { kind: 'system' }, act: { reference: candidate.reference, action: timeout, expectedVersion: candidate.version } });
        counts.timedOut++;
      } catch {
        // Someone acted first (paid, cancelled): the request is no longer due.
      }
      continue;
    }
    const escalated = await db.transaction().execute(async (trx) => {
      const row = await findRequestById(trx, candidate.id, { forUpdate: true });
      const now = clock.now();
      if (!row || row.final || row.escalated_at || !row.due_at || row.due_at > now) return false;
      const version = row.version + 1;
      await updateRequestState(trx, row.id, row.version, { state: row.state, final: false, version, stateEnteredAt: row.state_entered_at, dueAt: row.due_at, outputs: row.outputs, escalatedAt: now, now }, {
        request_id: row.id,
        seq: version,
        action: 'escalate',
        from_state: row.state,
        to_state: row.state,
        actor_kind: 'system',
        actor_id: null,
        actor_role: 'system',
        reason_code: null,
        reason_text: null,
        details: JSON.stringify({ dueAt: row.due_at.toISOString() }),
        occurred_at: now,
      });
      await tellSupervisorsOnceToday(trx, clock, row.agency);
      await appendAudit(trx, { actorKind: 'system', action: 'requests.escalated', subjectPersonId: row.beneficiary_person_id, details: { reference: row.reference, state: row.state } }, clock);
      return true;
    });
    if (escalated) counts.escalated++;
  }
  return counts;
}
