import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';
import { bothCalendars } from './display.js';

/** Pieces of the data pages: labelled rows, dates in both calendars, status badges. */

export function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="data-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A date in both calendars, Gregorian first (as on Saudi documents' English side). */
export function Dates({ ctx, date }: { ctx: PageContext; date: string }) {
  const { gregorian, hijri } = bothCalendars(date, ctx.locale);
  return (
    <span class="dates">
      <span class="nowrap">{gregorian}</span> <span class="muted nowrap">({hijri})</span>
    </span>
  );
}

/** Status as words (and a colour that only repeats them). */
export function Badge({ tone, children }: { tone: 'danger' | 'warning' | 'ok' | 'neutral'; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

