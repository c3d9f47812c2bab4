/**
 * A request's state is the fold of its history: start from nothing, and each event moves the
 * request from the state it names to the next. The stored row is a cache of this fold (a test
 * checks they agree); a history that does not chain is corrupt, and says where.
 */

export interface HistoryStep {
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
}

export function foldHistory(events: readonly HistoryStep[]): { state: string; version: number } {
  let state: string | null = null;
  let version = 0;
  for (const event of events) {
    if (event.seq !== version + 1) throw new Error(`history: event ${event.seq} follows ${version}`);
    if (event.from_state !== state) throw new Error(`history: event ${event.seq} (${event.action}) leaves ${String(event.from_state)}, but the request was ${String(state)}`);
    state = event.to_state;
    version = event.seq;
  }
  if (state === null) throw new Error('history: no events');
  return { state, version };
}
