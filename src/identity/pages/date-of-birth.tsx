import { monthNames, type Calendar } from '../../kernel/dates.js';
import type { PageContext } from '../../web/context.js';
import { DOB_PARTS, type DateOfBirthInput, type DatePartNames } from './form-input.js';
import { fieldHelp, fieldId, type FormError } from './form-parts.js';

/**
 * A date of birth as the ID card or the iqama gives it: the calendar first (Hijri, how a citizen's
 * records keep it, then Gregorian), the day, the month by name and the year. form-input.ts
 * converts it to the Gregorian date the registry keeps (Umm al-Qura for Hijri).
 *
 * Each calendar has its own month list; the styles show the one of the calendar chosen
 * (`:has`), and a browser without them shows both, each labelled with its calendar: no
 * JavaScript needed. No `bday` autocomplete: a browser fills Gregorian values, which would be
 * wrong in the Hijri fields. Errors are reported on `name` and link to the day.
 */
export function DateOfBirthField({
  ctx,
  name = 'dateOfBirth',
  parts = DOB_PARTS,
  legend,
  hint,
  value,
  errors,
}: {
  ctx: Pick<PageContext, 't' | 'locale'>;
  name?: string;
  /** The parts' names in the form (a service form's date field names them after itself). */
  parts?: DatePartNames;
  legend?: string;
  hint?: string;
  value?: DateOfBirthInput | null | undefined;
  errors: FormError[];
}) {
  const { t, locale } = ctx;
  const calendar: Calendar = value?.calendar ?? 'hijri';
  const id = fieldId(name);
  const { describedBy, invalid, help, wrapperClass } = fieldHelp(ctx, name, hint ?? t('pages.dob.hint'), errors);
  const month = (of: Calendar) => (
    <div class={`dob-part dob-month dob-month-${of}`}>
      <label for={`${id}-month-${of}`}>{t(`pages.dob.month.${of}`)}</label>
      <select id={`${id}-month-${of}`} name={of === 'hijri' ? parts.monthHijri : parts.monthGregorian} autocomplete="off" aria-invalid={invalid ? 'true' : undefined}>
        <option value="">{t('pages.dob.month.choose')}</option>
        {monthNames(of, locale).map((monthName, i) => (
          <option key={i} value={String(i + 1)} selected={value?.calendar === of && value.month === String(i + 1)}>
            {`${monthName} (${i + 1})`}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset class={`${wrapperClass} date-of-birth`} aria-describedby={describedBy}>
      <legend>{legend ?? t('pages.dob.legend')}</legend>
      {help}
      <div class="choices dob-calendar" role="radiogroup" aria-label={t('pages.dob.calendar')}>
        {(['hijri', 'gregorian'] as const).map((of) => (
          <label class="choice" key={of}>
            <input type="radio" name={parts.calendar} value={of} checked={calendar === of} />
            <span>{t(`pages.dob.calendar.${of}`)}</span>
          </label>
        ))}
      </div>
      <div class="dob-parts">
        <div class="dob-part dob-day">
          <label for={id}>{t('pages.dob.day')}</label>
          <input id={id} name={parts.day} value={value?.day} inputMode="numeric" maxLength={2} dir="ltr" autocomplete="off" spellcheck={false} aria-invalid={invalid ? 'true' : undefined} />
        </div>
        {month('hijri')}
        {month('gregorian')}
        <div class="dob-part dob-year">
          <label for={`${id}-year`}>{t('pages.dob.year')}</label>
          <input id={`${id}-year`} name={parts.year} value={value?.year} inputMode="numeric" maxLength={4} dir="ltr" autocomplete="off" spellcheck={false} aria-invalid={invalid ? 'true' : undefined} />
        </div>
      </div>
    </fieldset>
  );
}
