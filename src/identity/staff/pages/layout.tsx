import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../web/context.js';
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

/** The staff area's page: its own header line ("Staff portal"), no individuals' navigation. */
export function StaffLayout({ ctx, title, children }: { ctx: StaffPageContext; title: string; children: ComponentChildren }) {
  const { t, locale } = ctx;
  const other = locale === 'ar' ? 'en' : 'ar';
  const switchHref = `/language?to=${other}&next=${encodeURIComponent(ctx.path)}`;
  return (
    <html lang={locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} | ${t('staff_pages.portal')} | ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="stylesheet" href="/staff/assets/staff.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <div class="staff-bar" role="note">
          <div class="container">
            <span lang="ar">بوابة الموظفين</span> / <span lang="en">Staff portal</span>
          </div>
        </div>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/staff">
              <span class="brand-mark" aria-hidden="true">
                ت
              </span>
              <span class="brand-name">
                {t('app.name')}: {t('staff_pages.portal')}
              </span>
            </a>
            <nav aria-label={t('staff_pages.nav.label')} class="header-nav">
              {ctx.staff ? (
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
              )}
              <a href={switchHref} lang={other} hreflang={other} aria-label={t('layout.language_switch_label')} class="lang-switch">
                {t('layout.language_switch')}
              </a>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="container">
          {children}
        </main>
      </body>
    </html>
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
