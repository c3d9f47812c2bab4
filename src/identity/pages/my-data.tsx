import { formatMoney } from '../../kernel/money.js';
import type { DocumentKind } from '../../db/tables.js';
import { joinList } from '../../kernel/i18n/index.js';
import { DOCUMENT_GENDER } from '../../registry/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { MyData } from '../my-data-schema.js';
import { Badge, Dates, Row } from './data-parts.js';
import { countryName } from './display.js';
import { FamilySection, VehiclesSection, WorkersSection } from './my-data-sections.js';
import { Ltr } from '../../web/ui/ltr.js';

/** "My data" (بياناتي): what the registry holds about the signed-in person. */

function DocumentStatus({ ctx, doc }: { ctx: PageContext; doc: MyData['documents'][number] }) {
  const { t } = ctx;
  // The words agree with the document's name: جواز السفر ساري, الإقامة سارية.
  const status = (state: string) => t(`pages.me.document_status.${state}.${DOCUMENT_GENDER[doc.kind as DocumentKind]}`);
  if (doc.status === 'lost' || doc.status === 'cancelled') return <Badge tone="neutral">{status(doc.status)}</Badge>;
  if (doc.expired) return <Badge tone="danger">{status('expired')}</Badge>;
  if (doc.expiresWithin90Days) return <Badge tone="warning">{status('expires_soon')}</Badge>;
  return <Badge tone="ok">{status('valid')}</Badge>;
}

/** The person's travel permits (issued by their guardian, seed 001): status, where to, how many trips and when. */
/** With `family`: the permits of the family members the person is guardian of, each with the member's name. */
function TravelPermitsSection({ ctx, permits, family = false }: { ctx: PageContext; permits: Array<MyData['travelPermits'][number] & { member?: MyData['familyTravelPermits'][number]['member'] }>; family?: boolean }) {
  const { t, locale } = ctx;
  const id = family ? 'family-travel-permits' : 'travel-permits';
  return (
    <section class="panel" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(family ? 'travel_permits.me.family_title' : 'travel_permits.me.title')}</h2>
      {permits.length === 0 ? (
        <p class="muted">{t(family ? 'travel_permits.me.family_none' : 'travel_permits.me.none')}</p>
      ) : (
        <ul class="item-list" role="list">
          {permits.map((p) => (
              <li key={p.number} class="item">
                <div class="item-head">
                  <span class="item-title">{t('pages.me.document.travel_permit')}</span>
                  <Badge tone={p.status === 'valid' ? 'ok' : p.status === 'expired' ? 'danger' : 'neutral'}>{t(`travel_permits.me.status.${p.status}`)}</Badge>
                </div>
                <dl class="data-list compact">
                  {p.member && <Row label={t('travel_permits.me.member')}>{locale === 'ar' ? p.member.nameAr : p.member.nameEn}</Row>}
                  <Row label={t('pages.me.document.number')}>
                    <Ltr>{p.number}</Ltr>
                  </Row>
                  <Row label={t('travel_permits.me.countries')}>
                    {p.countries.length === 0 ? t('travel_permits.me.all_countries') : joinList(locale, p.countries.map((c) => countryName(c, locale)))}
                  </Row>
                  {p.trips && <Row label={t('travel_permits.me.trips')}>{t(`travel_permits.me.trips.${p.trips}`)}</Row>}
                  <Row label={t('travel_permits.me.valid_from')}>
                    <Dates ctx={ctx} date={p.validFrom} />
                  </Row>
                  <Row label={t('travel_permits.me.valid_to')}>
                    <Dates ctx={ctx} date={p.validTo} />
                  </Row>
                </dl>
              </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MyDataPage({ ctx, data }: { ctx: PageContext; data: MyData }) {
  const { t, locale } = ctx;
  const { person, account } = data;
  const names = person.names[locale];
  const address = person.address;
  return (
    <Layout ctx={ctx} title={t('pages.me.title')}>
      <h1>{t('pages.me.title')}</h1>
      <p class="lead">{names.full}</p>
      {account.status === 'registered' && (
        <div class="notice notice-warning" role="note">
          <h2>{t('pages.me.not_activated.title')}</h2>
          <p>{t('pages.me.not_activated.text')}</p>
          <ul>
            <li>{t('pages.activation.office')}</li>
            <li>{t('pages.activation.bank')}</li>
          </ul>
          <p>
            <a href="/me/activate">{t('pages.me.activate_link')}</a>
          </p>
        </div>
      )}
      <nav class="section-links" aria-label={t('pages.me.sections')}>
        <a href="#personal">{t('pages.me.personal')}</a>
        <a href="#documents">{t('pages.me.documents')}</a>
        <a href="#family">{t('pages.me.family')}</a>
        <a href="#vehicles">{t('pages.me.vehicles')}</a>
        <a href="#workers">{t('pages.me.workers')}</a>
        <a href="#violations">{t('pages.me.violations')}</a>
        <a href="/me/sessions">{t('pages.sessions.title')}</a>
        <a href="/me/viewed">{t('service_pages.viewed_title')}</a>
      </nav>

      <section class="panel" id="personal" aria-labelledby="personal-title">
        <h2 id="personal-title">{t('pages.me.personal')}</h2>
        <dl class="data-list">
          <Row label={t('pages.me.name')}>{names.full}</Row>
          <Row label={t(`pages.me.id_type.${person.idType}`)}>
            <Ltr>{person.nationalId}</Ltr>
          </Row>
          <Row label={t('pages.me.birth_date')}>
            <Dates ctx={ctx} date={person.birthDate} />
          </Row>
          <Row label={t('pages.me.nationality')}>{countryName(person.nationality, locale)}</Row>
          <Row label={t('pages.me.sex')}>{t(`pages.me.sex.${person.sex}`)}</Row>
          <Row label={t('pages.me.marital_status')}>{t(`pages.me.marital.${person.maritalStatus}.${person.sex}`)}</Row>
          <Row label={t('pages.me.mobile')}>{account.mobile ? <Ltr>{account.mobile}</Ltr> : t('pages.me.none')}</Row>
          <Row label={t('pages.me.email')}>{account.email ? <bdi>{account.email}</bdi> : t('pages.me.none')}</Row>
          <Row label={t('pages.me.username')}>
            <bdi>{account.username}</bdi>
          </Row>
          <Row label={t('pages.me.account_status')}>{t(`identity.account.status.${account.status}`)}</Row>
          <Row label={t('pages.me.address')}>
            {address ? joinList(locale, [address.buildingNumber, address.street, address.district, address.city, address.postalCode].filter((part): part is string => Boolean(part))) : t('pages.me.none')}
          </Row>
        </dl>
        <p>
          <a href="/me/mobile">{t('pages.me.change_mobile')}</a>
        </p>
      </section>

      <section class="panel" id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title">{t('pages.me.documents')}</h2>
        {data.documents.length === 0 ? (
          <p class="muted">{t('pages.me.documents.none')}</p>
        ) : (
          <ul class="item-list" role="list">
            {data.documents.map((doc) => (
              <li key={`${doc.kind}-${doc.number}`} class="item">
                <div class="item-head">
                  <span class="item-title">{t(`pages.me.document.${doc.kind}`)}</span>
                  <DocumentStatus ctx={ctx} doc={doc} />
                </div>
                <dl class="data-list compact">
                  <Row label={t('pages.me.document.number')}>
                    <Ltr>{doc.number}</Ltr>
                  </Row>
                  <Row label={t('pages.me.document.expiry')}>
                    <Dates ctx={ctx} date={doc.expiryDate} />
                  </Row>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TravelPermitsSection ctx={ctx} permits={data.travelPermits} />
      {data.familyTravelPermits.length > 0 && <TravelPermitsSection ctx={ctx} permits={data.familyTravelPermits} family />}
      <FamilySection ctx={ctx} family={data.family} />
      <VehiclesSection ctx={ctx} vehicles={data.vehicles} />
      <WorkersSection ctx={ctx} workers={data.workers} />

      <section class="panel" id="violations" aria-labelledby="violations-title">
        <h2 id="violations-title">{t('pages.me.violations')}</h2>
        {data.violations.unpaidCount === 0 ? (
          <p>{t('pages.me.violations.none')}</p>
        ) : (
          <dl class="data-list">
            <Row label={t('pages.me.violations.count')}>{data.violations.unpaidCount}</Row>
            <Row label={t('pages.me.violations.total')}>
              <bdi class="amount">{formatMoney(data.violations.unpaidTotal, locale)}</bdi>
            </Row>
          </dl>
        )}
      </section>

      <p>
        <a href="/me/sessions">{t('pages.me.sessions_link')}</a>
      </p>
    </Layout>
  );
}
