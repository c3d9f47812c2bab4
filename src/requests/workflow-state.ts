import type { AnyService } from '../catalogue/define.js';
import { DAY_MS } from '../kernel/clock.js';

/**
 * What submitting and acting share about a request's workflow, with no other dependency (so
 * act.ts, submit.ts and views.ts import it rather than each other).
 */

/** When a state's time runs out, for a request entering it at `from`; null for a state without one. */
export function dueAt(service: AnyService, state: string, from: Date): Date | null {
  const sla = service.workflow.states[state]?.sla;
  return sla ? new Date(from.getTime() + sla.days * DAY_MS) : null;
}

/** The setOutput of an effect: only the results the service declares. */
export function outputRecorder(service: AnyService, outputs: Record<string, unknown>) {
  return (key: string, value: string | number): void => {
    if (!service.outputs?.[key]) throw new Error(`${service.id}: the effect records "${key}", which outputs does not declare`);
    outputs[key] = value;
  };
}
