import type { TextField } from '../../catalogue/fields.js';
import { fieldHelp, fieldId, type FormError } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';

/**
 * A family member's ID number, chosen rather than typed: one radio button for each of the
 * applicant's family members in the registry (their children and wards), and, where the service
 * allows it, "another person" with a box for the ID number (`<name>:other`). Works without
 * JavaScript: the box is read when "another person" is the choice (the default when nothing else
 * is chosen) or when something was typed in it. The value the form carries on is the ID number, as if typed.
 */

export interface FamilyMemberChoice {
  nationalId: string;
  name: string;
}

/** The value of "another person" in the radio group. */
export const OTHER_PERSON = 'other';

export function FamilyChoiceField({ ctx, spec, name, value, errors, family, label }: { ctx: PageContext; spec: TextField; name: string; value: string | undefined; errors: FormError[]; family: readonly FamilyMemberChoice[]; label: string }) {
  const { t } = ctx;
  const id = fieldId(name);
  const hint = spec.hint?.[ctx.locale];
  const { describedBy, help, wrapperClass, invalid } = fieldHelp(ctx, name, hint, errors);
  const allowOther = spec.familyChoice?.allowOther === true;
  const listed = family.some((m) => m.nationalId === value);
  return (
    <fieldset class={wrapperClass} aria-describedby={describedBy}>
      <legend>{label}</legend>
      {help}
      {family.length === 0 && <p class="muted">{t('requests.family_choice.none')}</p>}
      <div class="choices">
        {family.map((m) => (
          <label class="choice" key={m.nationalId}>
            <input type="radio" name={name} value={m.nationalId} id={`${id}-${m.nationalId}`} checked={value === m.nationalId} aria-invalid={invalid ? 'true' : undefined} />
            <span>
              {m.name}{' '}
              <bdi dir="ltr" class="ltr-value muted">
                {m.nationalId}
              </bdi>
            </span>
          </label>
        ))}
        {allowOther && (
          <label class="choice" key={OTHER_PERSON}>
            <input type="radio" name={name} value={OTHER_PERSON} id={`${id}-${OTHER_PERSON}`} checked={!listed} />
            <span>{t('requests.family_choice.other')}</span>
          </label>
        )}
      </div>
      {allowOther && (
        <div class="field family-other">
          <label for={id}>{t('requests.family_choice.other_id')}</label>
          <input id={id} name={`${name}:other`} type="text" inputMode="numeric" maxLength={spec.maxLength} dir="ltr" value={listed ? '' : (value ?? '')} aria-invalid={invalid ? 'true' : undefined} />
        </div>
      )}
    </fieldset>
  );
}

/** The ID number a family-choice field was given: the member chosen, or the one typed for another person. */
export function familyChoiceValue(raw: Record<string, unknown>, name: string): string | undefined {
  const chosen = raw[name];
  const typed = raw[`${name}:other`];
  // The box is shown empty whenever a listed member is chosen, so text in it was typed on this
  // page: it wins over a radio button left checked from before (e.g. after a refusal).
  if (typeof typed === 'string' && typed.trim() !== '') return typed;
  if (typeof chosen === 'string' && chosen !== OTHER_PERSON && chosen !== '') return chosen;
  return typeof typed === 'string' ? typed : undefined;
}
