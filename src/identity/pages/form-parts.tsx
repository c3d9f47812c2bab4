import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';

/**
 * The building blocks of the portal's forms: an error summary that links to each field, and
 * fields whose label, hint and error are tied together with `aria-describedby`, so a screen
 * reader announces them with the input. Everything works without JavaScript.
 */

/** A translated problem with one field (`field` is the input's name). */
export interface FormError {
  field: string;
  message: string;
  /** A refusal about a value rightly entered (an eligibility rule), not a mistake in it. */
  refusal?: boolean;
}

export const fieldId = (name: string) => `field-${name}`;

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * At the top of the form: what went wrong, each item a link to its field. A message with no
 * field at fault (a refusal, a limit that says when to try again) is the page's own message,
 * not put under "there is a problem with what you entered", since nothing was mistyped.
 */
export function ErrorSummary({ ctx, errors, message }: { ctx: PageContext; errors: FormError[]; message?: string | undefined }) {
  if (errors.length === 0 && !message) return null;
  if (errors.length === 0) {
    return (
      <div class="error-summary" role="alert" tabIndex={-1}>
        <p>{message}</p>
      </div>
    );
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      {/* Nothing was mistyped when every problem is a refusal: the request cannot be made. */}
      <h2 id="error-summary-title">{ctx.t(errors.every((error) => error.refusal) ? 'pages.errors.refusal_title' : 'pages.errors.summary_title')}</h2>
      {message && <p>{message}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <a href={`#${fieldId(error.field)}`}>{error.message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FormError[];
  value?: string | undefined;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date';
  autocomplete?: string;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  /** Latin-only values (numbers, e-mail, username) read left to right also on Arabic pages. */
  ltr?: boolean;
  maxLength?: number;
  pattern?: string;
  required?: boolean;
}

export interface FieldShellProps {
  ctx: Pick<PageContext, 't'>;
  /** The input's name; its id is fieldId(name). */
  name: string;
  label: ComponentChildren;
  hint?: string | undefined;
  errors: FormError[];
  /** The input itself, given the ids that describe it and whether it is invalid. */
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** The hint and the errors of one input, with the ids its aria-describedby names. */
export function fieldHelp(ctx: Pick<PageContext, 't'>, name: string, hint: string | undefined, errors: FormError[]) {
  const id = fieldId(name);
  const messages = errors.filter((e) => e.field === name).map((e) => e.message);
  const describedBy = [hint ? `${id}-hint` : '', messages.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const help = (
    <>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{ctx.t('pages.errors.prefix')} </span>
          {messages.join(' ')}
        </p>
      )}
    </>
  );
  return { describedBy, invalid: messages.length > 0, help, wrapperClass: messages.length > 0 ? 'field field-invalid' : 'field' };
}

/** Label, hint and error of one input, tied to it with aria-describedby. */
export function FieldShell({ ctx, name, label, hint, errors, children }: FieldShellProps) {
  const { describedBy, invalid, help, wrapperClass } = fieldHelp(ctx, name, hint, errors);
  return (
    <div class={wrapperClass}>
      <label for={fieldId(name)}>{label}</label>
      {help}
      {children(describedBy, invalid)}
    </div>
  );
}

export function Field(props: FieldProps) {
  const { ctx, name, label, hint } = props;
  return (
    <FieldShell ctx={ctx} name={name} label={label} hint={hint} errors={props.errors ?? []}>
      {(describedBy, invalid) => (
        <input
          id={fieldId(name)}
          name={name}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : props.value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          dir={props.ltr ? 'ltr' : undefined}
          maxLength={props.maxLength}
          pattern={props.pattern}
          required={props.required}
          spellcheck={props.ltr ? false : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </FieldShell>
  );
}
