import type { StaffRole } from '../../../db/tables.js';
import { StaffLayout, staffName, type StaffPageContext } from './layout.js';

/** Roles that issue activation codes (they verify people in person) and roles that manage staff. */
export const ISSUING_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'kiosk'];
export const ADMIN_ROLES: readonly StaffRole[] = ['admin'];
/** Roles that work the agency's requests (the officers' request pages, src/requests/staff-web-routes.ts). */
export const REQUEST_ROLES: readonly StaffRole[] = ['officer', 'supervisor'];

/** The staff home: who is signed in (name, agency, role) and what they may do. */
export function StaffHomePage({ ctx }: { ctx: StaffPageContext }) {
  const { t } = ctx;
  const staff = ctx.staff!;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.home.title')}>
      <h1>{t('staff_pages.home.title')}</h1>
      <section class="panel" aria-labelledby="whoami">
        <h2 id="whoami">{staffName(ctx)}</h2>
        <dl>
          <dt>{t('staff_pages.home.username')}</dt>
          <dd>
            <bdi dir="ltr">{staff.username}</bdi>
          </dd>
          <dt>{t('staff_pages.home.agency')}</dt>
          <dd>{t(`staff_pages.agency.${staff.agency}`)}</dd>
          <dt>{t('staff_pages.home.role')}</dt>
          <dd>{t(`staff_pages.role.${staff.role}`)}</dd>
        </dl>
      </section>
      <section aria-labelledby="tasks">
        <h2 id="tasks">{t('staff_pages.home.tasks')}</h2>
        <ul class="staff-links">
          {REQUEST_ROLES.includes(staff.role) && (
            <li>
              <a class="button" href="/staff/requests">
                {t('officer_pages.home.link', { agency: t(`staff_pages.agency.${staff.agency}`) })}
              </a>
            </li>
          )}
          {staff.role === 'kiosk' && ctx.demoMode && (
            <li>
              <a class="button" href="/staff/kiosk">
                {t('kiosk.open')}
              </a>
            </li>
          )}
          {ISSUING_ROLES.includes(staff.role) && (
            <li>
              <a class="button" href="/staff/activation-codes">
                {t('staff_pages.codes.title')}
              </a>
            </li>
          )}
          {/* Who may place and lift suspensions: src/suspensions/rules.ts (supervisors and admins of Traffic and General Services). */}
          {(staff.role === 'supervisor' || staff.role === 'admin') && (staff.agency === 'traffic' || staff.agency === 'general') && (
            <li>
              <a class="button" href="/staff/suspensions">
                {t('suspensions.staff.link')}
              </a>
            </li>
          )}
          {ADMIN_ROLES.includes(staff.role) && (
            <li>
              <a class="button" href="/staff/accounts">
                {t('staff_pages.accounts.title')}
              </a>
            </li>
          )}
        </ul>
      </section>
    </StaffLayout>
  );
}
