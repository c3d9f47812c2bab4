import type { ComponentChildren } from 'preact';
import { isolateNumbers } from '../../kernel/bidi.js';
import { translator, type Locale, type Translator } from '../../kernel/i18n/index.js';

/**
 * How pages keep numbers in order inside Arabic (kernel/bidi.ts says why they would not):
 * - a value in its own element goes in <Ltr>: ID and iqama numbers, masked IDs, references,
 *   bill and receipt numbers, plate and card digits, IBANs, mobiles, dates in digits;
 * - a value inside a sentence is left to the page translator (`ctx.t`), which isolates the
 *   number-like runs of what it returns in Arabic, whether they came in a parameter or stand in
 *   the sentence itself ("مثل 2026-11-20");
 * - text that reaches a page already written (a service's hints, a notice kept in both
 *   languages) goes through `pageText`, which does the same.
 */

/** A left-to-right value inside right-to-left text: one unit, in the order it is written. */
export function Ltr(props: { children: ComponentChildren; nowrap?: boolean; class?: string }) {
  const classes = ['ltr-value', props.nowrap ? 'nowrap' : '', props.class ?? ''].filter(Boolean).join(' ');
  return (
    <bdi dir="ltr" class={classes}>
      {props.children}
    </bdi>
  );
}

/** Text written elsewhere (a service definition, a stored notice), ready for a page in `locale`. */
export function pageText(text: string, locale: Locale): string {
  return locale === 'ar' ? isolateNumbers(text) : text;
}

/** The translator of pages: in Arabic, number-like runs of every translated text keep their order. */
export function pageTranslator(locale: Locale): Translator {
  const t = translator(locale);
  return locale === 'ar' ? (key, params) => isolateNumbers(t(key, params)) : t;
}
