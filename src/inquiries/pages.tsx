import { agencies } from '../catalogue/agencies.js';
import { formatDateTime, formatGregorian, formatHijri } from '../kernel/dates.js';
import { formatMoney } from '../kernel/money.js';
import { maskNationalId } from '../kernel/national-id.js';
import { personName } from '../registry/index.js';
import { Breadcrumbs } from '../requests/pages/catalogue.js';
import type { PageContext } from '../web/context.js';
import { AgencyIcon } from '../web/icons.js';
import { PrintControls } from '../web/ui/print.js';
import { Layout } from '../web/layout.js';
import type { InquiryDefinition, InquiryField, InquiryItem, InquiryValue, StatusTone } from './define.js';
import type { InquiryAnswer } from './run.js';
import type { InquirySubject } from './subjects.js';
import { Ltr } from '../web/ui/ltr.js';

/**
 * The inquiries' pages: the list by agency, and an inquiry's answer with its person chooser,
 * summary, items and empty state; the same answer laid out to print. No JavaScript.
 */

const TONE: Record<StatusTone, string> = { ok: 'badge-ok', warning: 'badge-warning', bad: 'badge-danger', neutral: 'badge-neutral' };

/** A value as the page shows it: dates in Gregorian and Hijri, numbers and codes left to right. */
export function Value({ ctx, value }: { ctx: PageContext; value: InquiryValue }) {
  const { locale } = ctx;
  switch (value.kind) {
    case 'words':
      return <>{value[locale]}</>;
    case 'code':
      return (
        <Ltr>
          {value.text}
        </Ltr>
      );
    case 'text':
      return <bdi>{value.text}</bdi>;
    case 'date':
      return (
        <>
          {formatGregorian(value.date, locale)} <span class="muted">({formatHijri(value.date, locale)})</span>
        </>
      );
    case 'datetime':
      return (
        <>
          {formatDateTime(new Date(value.at), locale)} <span class="muted">({formatHijri(new Date(value.at), locale)})</span>
        </>
      );
    case 'money':
      return <span class="nowrap">{formatMoney(value.halalas, locale)}</span>;
    case 'count':
      return <>{new Intl.NumberFormat(locale === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB').format(value.count)}</>;
    case 'status':
      return <span class={`badge ${TONE[value.tone]}`}>{value[locale]}</span>;
  }
}

function Fields({ ctx, fields }: { ctx: PageContext; fields: InquiryField[] }) {
  return (
    <dl class="summary-list">
      {fields.map((field, i) => (
        <div key={i} class="summary-row">
          <dt>{field.label[ctx.locale]}</dt>
          <dd>
            <Value ctx={ctx} value={field.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Item({ ctx, item, index }: { ctx: PageContext; item: InquiryItem; index: number }) {
  return (
    <li class="inquiry-item" aria-labelledby={`item-${index}`}>
      <div class="inquiry-item-heading">
        <h3 id={`item-${index}`}>
          <Value ctx={ctx} value={item.title} />
        </h3>
        {item.status && <Value ctx={ctx} value={item.status} />}
      </div>
      <Fields ctx={ctx} fields={item.fields} />
    </li>
  );
}

function inquiriesTrail(ctx: PageContext, inquiry?: InquiryDefinition) {
  const trail: Array<{ href?: string; label: string }> = [
    { href: '/', label: ctx.t('layout.home') },
    { href: '/inquiries', label: ctx.t('inquiries.title') },
  ];
  if (inquiry) trail.push({ href: `/agencies/${inquiry.agency}`, label: ctx.t(`agency.${inquiry.agency}`) }, { label: inquiry.name[ctx.locale] });
  return trail;
}

/** Every inquiry, by agency, as Absher lists them. */
export function InquiriesPage({ ctx, inquiries }: { ctx: PageContext; inquiries: readonly InquiryDefinition[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('inquiries.title')}>
      <Breadcrumbs ctx={ctx} trail={[{ href: '/', label: t('layout.home') }, { label: t('inquiries.title') }]} />
      <h1>{t('inquiries.title')}</h1>
      <p class="lead">{t('inquiries.lead')}</p>
      {agencies.map((agency) => {
        const list = inquiries.filter((i) => i.agency === agency);
        if (list.length === 0) return null;
        return (
          <section key={agency} class="section agency-section" aria-labelledby={`inquiries-${agency}`}>
            <div class="page-heading">
              <AgencyIcon agency={agency} />
              <h2 id={`inquiries-${agency}`}>{t(`agency.${agency}`)}</h2>
            </div>
            <InquiryList ctx={ctx} inquiries={list} />
          </section>
        );
      })}
    </Layout>
  );
}

/** An agency's inquiries as links with their descriptions (also on the agency's page). */
export function InquiryList({ ctx, inquiries }: { ctx: PageContext; inquiries: readonly InquiryDefinition[] }) {
  return (
    <ul class="service-list">
      {inquiries.map((i) => (
        <li key={i.id}>
          <a href={`/inquiries/${i.id}`}>{i.name[ctx.locale]}</a>
          <p>{i.description[ctx.locale]}</p>
        </li>
      ))}
    </ul>
  );
}

const subjectQuery = (answer: InquiryAnswer, asker: string) => (answer.subject.national_id === asker ? '' : `?subject=${answer.subject.national_id}`);

/** The answer: whom it is about (with a chooser when there are others), the summary, the items or why there are none. */
export function InquiryPage(props: { ctx: PageContext; answer: InquiryAnswer; subjects: InquirySubject[]; askerNationalId: string }) {
  const { ctx, answer, subjects } = props;
  const { t, locale } = ctx;
  const { inquiry, result } = answer;
  const empty = result.items.length === 0 && (result.summary ?? []).length === 0;
  return (
    <Layout ctx={ctx} title={inquiry.name[locale]}>
      <Breadcrumbs ctx={ctx} trail={inquiriesTrail(ctx, inquiry)} />
      <p class="step-label">{t('inquiries.inquiry')}</p>
      <h1>{inquiry.name[locale]}</h1>
      <p class="lead">{inquiry.description[locale]}</p>
      {subjects.length > 1 && (
        <form method="get" action={`/inquiries/${inquiry.id}`} class="subject-form no-print">
          <label for="subject">{t('inquiries.subject_label')}</label>
          <div class="search-row">
            <select id="subject" name="subject">
              {subjects.map((s) => (
                <option key={s.nationalId} value={s.nationalId} selected={s.nationalId === answer.subject.national_id}>
                  {s.kind === 'self' ? t('inquiries.myself') : `${s.name[locale]} (${t(`inquiries.kind.${s.kind}`)})`}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              {t('inquiries.show')}
            </button>
          </div>
        </form>
      )}
      <Answer ctx={ctx} answer={answer} empty={empty} />
      <p class="no-print action-row">
        <a class="button button-secondary" href={`/inquiries/${inquiry.id}/print${subjectQuery(answer, props.askerNationalId)}`}>
          {t('inquiries.print')}
        </a>
        <a href={`/agencies/${inquiry.agency}`}>{t('inquiries.back_to_agency', { agency: t(`agency.${inquiry.agency}`) })}</a>
      </p>
    </Layout>
  );
}

function Answer({ ctx, answer, empty }: { ctx: PageContext; answer: InquiryAnswer; empty: boolean }) {
  const { t, locale } = ctx;
  const { inquiry, result, subject } = answer;
  return (
    <section class="section" aria-labelledby="answer-title">
      <h2 id="answer-title">
        {t('inquiries.about', { name: personName(subject, locale) })}
      </h2>
      <p class="muted">{t('inquiries.as_of', { time: formatDateTime(answer.at, locale) })}</p>
      {empty ? (
        <div class="notice" role="status">
          <p>{(result.empty ?? inquiry.empty)[locale]}</p>
        </div>
      ) : (
        <>
          {result.summary && result.summary.length > 0 && (
            <div class="panel inquiry-summary">
              <Fields ctx={ctx} fields={result.summary} />
            </div>
          )}
          {result.items.length > 0 ? (
            <ol class="inquiry-items">
              {result.items.map((item, i) => (
                <Item key={i} ctx={ctx} item={item} index={i} />
              ))}
            </ol>
          ) : (
            result.empty && <p>{result.empty[locale]}</p>
          )}
        </>
      )}
    </section>
  );
}

/** The answer laid out to print: the platform, the inquiry, whom it is about (ID masked), when. */
export function InquiryPrintPage(props: { ctx: PageContext; answer: InquiryAnswer; askerNationalId: string }) {
  const { ctx, answer } = props;
  const { t, locale } = ctx;
  const { inquiry, result, subject } = answer;
  const empty = result.items.length === 0 && (result.summary ?? []).length === 0;
  return (
    <Layout ctx={ctx} title={inquiry.name[locale]}>
      <article class="proof">
        <header class="proof-header">
          <p class="step-label">{t('proofs.platform_name')}</p>
          <h1>{inquiry.name[locale]}</h1>
          <p>{t(`agency.${inquiry.agency}`)}</p>
        </header>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('inquiries.subject')}</dt>
            <dd>
              {personName(subject, locale)} (<Ltr>{maskNationalId(subject.national_id)}</Ltr>)
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('inquiries.printed_at')}</dt>
            <dd>{formatDateTime(answer.at, locale)}</dd>
          </div>
        </dl>
        <Answer ctx={ctx} answer={answer} empty={empty} />
        <p class="muted">{t('inquiries.print_note')}</p>
        <PrintControls ctx={ctx} />
        <p class="no-print action-row">
          <a href={`/inquiries/${inquiry.id}${subjectQuery(answer, props.askerNationalId)}`}>{t('inquiries.back')}</a>
        </p>
      </article>
    </Layout>
  );
}
