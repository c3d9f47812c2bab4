import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../web/context.js';
import { PageShell } from '../../../web/layout.js';
import { translate } from '../../../kernel/i18n/index.js';
import type { StaffViewer } from './session.js';

/** What every staff page needs: the portal context, the signed-in staff member and the form tokens. */
export interface StaffPageContext extends PageContext {
  staff: StaffViewer | null;
  /** The double-submit token (`_csrf`) every staff form carries. */
  formToken: string;
}

/** Both CSRF fields of a staff form: the double-submit token, and the staff session's own when signed in. */
export function StaffCsrfFields({ ctx }: { ctx: StaffPageContext }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={ctx.formToken} />
      {ctx.staff && <input type="hidden" name="_staff_csrf" value={ctx.staff.csrfToken} />}
    </>
  );
}

export function staffName(ctx: StaffPageContext): string {
  if (!ctx.staff) return '';
  return ctx.locale === 'ar' ? ctx.staff.nameAr : ctx.staff.nameEn;
}

/** The staff area's page: the shared shell with a staff bar and the staff navigation, no footer. */
export function StaffLayout({ ctx, title, children }: { ctx: StaffPageContext; title: string; children: ComponentChildren }) {
  const { t } = ctx;
  const banner = (
    <div class="staff-bar" role="note">
      {/* Named in both languages, so that a shared office screen is recognised at a glance. */}
      <div class="container">
        <span lang="ar">{translate('ar', 'staff_pages.portal')}</span> / <span lang="en">{translate('en', 'staff_pages.portal')}</span>
      </div>
    </div>
  );
  const nav = ctx.staff ? (
    <>
      <a href="/staff" aria-current={ctx.path === '/staff' ? 'page' : undefined}>
        {t('staff_pages.nav.home')}
      </a>
      <span class="header-user">{staffName(ctx)}</span>
      <form method="post" action="/staff/logout" class="header-form">
        <StaffCsrfFields ctx={ctx} />
        <button type="submit" class="link-button">
          {t('staff_pages.nav.logout')}
        </button>
      </form>
    </>
  ) : (
    <a href="/staff/login" aria-current={ctx.path.startsWith('/staff/login') ? 'page' : undefined}>
      {t('staff_pages.nav.login')}
    </a>
  );
  return (
    <PageShell
      ctx={ctx}
      documentTitle={`${title} | ${t('staff_pages.portal')} | ${t('app.name')}`}
      banner={banner}
      brandHref="/staff"
      brandName={`${t('app.name')}: ${t('staff_pages.portal')}`}
      navLabel={t('staff_pages.nav.label')}
      nav={nav}
      footer={false}
      noIndex
    >
      {children}
    </PageShell>
  );
}

export function StaffMessagePage({ ctx, title, message, status }: { ctx: StaffPageContext; title?: string; message: string; status: number }) {
  const { t } = ctx;
  const heading = title ?? t('errors.title');
  return (
    <StaffLayout ctx={ctx} title={heading}>
      <div class={status >= 400 ? 'error-box' : 'panel'} role={status >= 400 ? 'alert' : 'status'}>
        <h1>{heading}</h1>
        <p>{message}</p>
        {status >= 500 && <p class="muted">{t('errors.reference', { id: ctx.requestId })}</p>}
      </div>
      <p>
        <a href="/staff">{t('staff_pages.back_home')}</a>
      </p>
    </StaffLayout>
  );
}
