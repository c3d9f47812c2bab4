import { FILE_TYPES, formatBytes, type FieldSpec } from '../../catalogue/fields.js';
import { FieldShell, fieldHelp, fieldId, type FormError } from '../../identity/pages/form-parts.js';
import { DateOfBirthField } from '../../identity/pages/date-of-birth.js';
import { datePartsFromIso, datePartsOf } from '../../identity/pages/form-input.js';
import { joinList } from '../../kernel/i18n/index.js';
import type { PageContext } from '../../web/context.js';
import { pageText } from '../../web/ui/ltr.js';
import { FamilyChoiceField, type FamilyMemberChoice } from './family-choice.js';

/**
 * A service's form field as HTML, by its kind: a text input or text area, a date, a select or
 * radio group, a declaration checkbox. Label, hint and error are tied to the input with
 * aria-describedby (FieldShell; radio groups use a fieldset and legend). `name` is `<step>.<field>`.
 */

interface Props {
  ctx: PageContext;
  spec: FieldSpec;
  name: string;
  value: string | undefined;
  errors: FormError[];
  /** The applicant's family, for a field that offers them to choose from. */
  family?: readonly FamilyMemberChoice[] | undefined;
}

export function ServiceField({ ctx, spec, name, value, errors, family }: Props) {
  const { t, locale } = ctx;
  const id = fieldId(name);
  const hint = spec.hint && pageText(spec.hint[locale], locale);
  const label = spec.label[locale] + (spec.optional ? ` ${t('service_pages.optional')}` : '');
  if (spec.kind === 'text' && spec.familyChoice && family) return <FamilyChoiceField ctx={ctx} spec={spec} name={name} value={value} errors={errors} family={family} label={label} />;
  // A date as an ID gives it (a date of birth): Hijri or Gregorian, day, month by name, year.
  if (spec.kind === 'date' && spec.asOnId) return <DateOfBirthField ctx={ctx} name={name} parts={datePartsOf(name)} legend={label} hint={hint || undefined} value={datePartsFromIso(value)} errors={errors} />;
  const { describedBy, help, wrapperClass: wrapper, invalid: isInvalid } = fieldHelp(ctx, name, hint, errors);
  const invalid = isInvalid ? ('true' as const) : undefined;

  if (spec.kind === 'choice' && spec.display === 'radio') {
    return (
      <fieldset class={wrapper} aria-describedby={describedBy}>
        <legend>{label}</legend>
        {help}
        <div class="choices">
          {spec.options.map((option, i) => (
            <label class="choice" key={option.value}>
              <input type="radio" name={name} value={option.value} id={i === 0 ? id : `${id}-${option.value}`} checked={value === option.value} aria-invalid={invalid} />
              <span>{option.label[locale]}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (spec.kind === 'confirm') {
    return (
      <div class={wrapper}>
        {help}
        <label class="choice declaration">
          <input type="checkbox" name={name} value="yes" id={id} checked={value === 'yes'} aria-describedby={describedBy} aria-invalid={invalid} />
          <span>{label}</span>
        </label>
      </div>
    );
  }
  if (spec.kind === 'file') {
    // The file input has its own name (`<name>:file`); the id of a file already stored travels
    // as `<name>`, so continuing without choosing a file keeps it.
    const accepts = t('uploads.accepts', { types: joinList(locale, spec.accept.map((type) => FILE_TYPES[type].label)), size: formatBytes(spec.maxBytes, locale) });
    return (
      <FieldShell ctx={ctx} name={name} label={label} hint={hint ? `${hint} ${accepts}` : accepts} errors={errors}>
        {(describedBy, isInvalid) => (
          <>
            {value && <input type="hidden" name={name} value={value} />}
            {value && <p class="panel panel-success">{t('uploads.kept')}</p>}
            <input
              id={id}
              name={`${name}:file`}
              type="file"
              accept={spec.accept.flatMap((type) => [`.${FILE_TYPES[type].extension}`, ...(type === 'jpeg' ? ['.jpeg'] : []), FILE_TYPES[type].contentType]).join(',')}
              aria-describedby={describedBy}
              aria-invalid={isInvalid ? 'true' : undefined}
            />
          </>
        )}
      </FieldShell>
    );
  }
  return (
    <FieldShell ctx={ctx} name={name} label={label} hint={hint} errors={errors}>
      {(describedBy, isInvalid) => {
        const aria = { 'aria-describedby': describedBy, 'aria-invalid': isInvalid ? ('true' as const) : undefined };
        if (spec.kind === 'choice') {
          return (
            <select id={id} name={name} {...aria}>
              <option value="">{t('service_pages.choose')}</option>
              {spec.options.map((option) => (
                <option key={option.value} value={option.value} selected={value === option.value}>
                  {option.label[locale]}
                </option>
              ))}
            </select>
          );
        }
        if (spec.kind === 'text' && spec.multiline) {
          return (
            <textarea id={id} name={name} rows={4} maxLength={spec.maxLength} {...aria}>
              {value ?? ''}
            </textarea>
          );
        }
        return (
          <input
            id={id}
            name={name}
            type={spec.kind === 'date' ? 'date' : 'text'}
            value={value ?? ''}
            maxLength={spec.kind === 'text' ? spec.maxLength : undefined}
            inputMode={spec.kind === 'text' ? spec.inputMode : undefined}
            dir={spec.kind === 'date' ? 'ltr' : undefined}
            {...aria}
          />
        );
      }}
    </FieldShell>
  );
}
