import type { PageContext } from '../../web/context.js';
import { vehicleName } from '../../registry/index.js';
import type { MyData } from '../my-data-schema.js';
import { countryName } from './display.js';
import { Badge, Dates, Row } from './data-parts.js';
import { Ltr } from '../../web/ui/ltr.js';

/** The lists of "my data": family and dependants, vehicles, sponsored workers. */

type Relative = MyData['family']['parents'][number];

function relation(ctx: PageContext, kind: 'parent' | 'spouse' | 'child' | 'ward', sex: Relative['sex']): string {
  return ctx.t(`pages.me.relation.${kind}.${sex}`);
}

export function FamilySection({ ctx, family }: { ctx: PageContext; family: MyData['family'] }) {
  const { t, locale } = ctx;
  const people = [
    ...family.parents.map((p) => ({ p, kind: 'parent' as const })),
    ...family.spouses.map((p) => ({ p, kind: 'spouse' as const })),
    ...family.children.map((p) => ({ p, kind: 'child' as const })),
    ...family.wards.map((p) => ({ p, kind: 'ward' as const })),
  ];
  return (
    <section class="panel" id="family" aria-labelledby="family-title">
      <h2 id="family-title">{t('pages.me.family')}</h2>
      {people.length === 0 ? (
        <p class="muted">{t('pages.me.family.none')}</p>
      ) : (
        <ul class="item-list" role="list">
          {people.map(({ p, kind }) => (
            <li key={`${kind}-${p.nationalId}`} class="item">
              <div class="item-head">
                <span class="item-title">{locale === 'ar' ? p.nameAr : p.nameEn}</span>
                <span class="muted">{relation(ctx, kind, p.sex)}</span>
                {p.deceased && <Badge tone="neutral">{t('pages.me.deceased')}</Badge>}
              </div>
              <dl class="data-list compact">
                <Row label={t('pages.me.id_number')}>
                  <Ltr>{p.nationalId}</Ltr>
                </Row>
                <Row label={t('pages.me.birth_date')}>
                  <Dates ctx={ctx} date={p.birthDate} />
                </Row>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function VehiclesSection({ ctx, vehicles }: { ctx: PageContext; vehicles: MyData['vehicles'] }) {
  const { t, locale } = ctx;
  return (
    <section class="panel" id="vehicles" aria-labelledby="vehicles-title">
      <h2 id="vehicles-title">{t('pages.me.vehicles')}</h2>
      {vehicles.length === 0 ? (
        <p class="muted">{t('pages.me.vehicles.none')}</p>
      ) : (
        <ul class="item-list" role="list">
          {vehicles.map((v) => (
            <li key={v.sequenceNumber} class="item">
              <div class="item-head">
                <span class="item-title">{vehicleName(v, locale)}</span>
                <span class="muted">{t(`pages.me.vehicle.${v.relation}`)}</span>
                {v.registrationExpired && <Badge tone="danger">{t('pages.me.registration_expired')}</Badge>}
                {v.impounded && <Badge tone="neutral">{t('pages.me.impounded')}</Badge>}
              </div>
              <dl class="data-list compact">
                <Row label={t('pages.me.plate')}>
                  <bdi class="plate">{`${locale === 'ar' ? v.plate.lettersAr : v.plate.lettersEn} ${v.plate.digits}`}</bdi>
                </Row>
                <Row label={t('pages.me.sequence_number')}>
                  <Ltr>{v.sequenceNumber}</Ltr>
                </Row>
                <Row label={t('pages.me.registration_expiry')}>
                  <Dates ctx={ctx} date={v.registrationExpiry} />
                </Row>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WorkersSection({ ctx, workers }: { ctx: PageContext; workers: MyData['workers'] }) {
  const { t, locale } = ctx;
  return (
    <section class="panel" id="workers" aria-labelledby="workers-title">
      <h2 id="workers-title">{t('pages.me.workers')}</h2>
      {workers.length === 0 ? (
        <p class="muted">{t('pages.me.workers.none')}</p>
      ) : (
        <ul class="item-list" role="list">
          {workers.map((w) => (
            <li key={w.nationalId} class="item">
              <div class="item-head">
                <span class="item-title">{locale === 'ar' ? w.nameAr : w.nameEn}</span>
                <span class="muted">{locale === 'ar' ? w.occupationAr : w.occupationEn}</span>
              </div>
              <dl class="data-list compact">
                <Row label={t('pages.me.iqama_number')}>
                  <Ltr>{w.nationalId}</Ltr>
                </Row>
                <Row label={t('pages.me.nationality')}>{countryName(w.nationality, locale)}</Row>
                <Row label={t('pages.me.sponsored_since')}>
                  <Dates ctx={ctx} date={w.since} />
                </Row>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
