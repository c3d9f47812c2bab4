import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.js';
import { SessionWarning } from './session-warning.js';

interface ShellProps {
  ctx: PageContext;
  /** The page's own title; the document title appends the site name. */
  documentTitle: string;
  /** Notes above the header (demo banner, staff bar). */
  banner?: ComponentChildren;
  brandHref: string;
  brandName: string;
  navLabel: string;
  /** Navigation links before the language switch, which every area has. */
  nav: ComponentChildren;
  footer?: boolean;
  noIndex?: boolean;
  /** After the page's main content and footer (the session's idle warning). */
  after?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * The HTML shell every area shares (portal and staff): skip link, header with brand, navigation
 * and the language switch, one main landmark, and the footer where the area has one.
 */
export function PageShell({ ctx, documentTitle, banner, brandHref, brandName, navLabel, nav, footer = true, noIndex = false, after, children }: ShellProps) {
  const { t, locale } = ctx;
  const other = locale === 'ar' ? 'en' : 'ar';
  const switchHref = `/language?to=${other}&next=${encodeURIComponent(ctx.path)}`;
  return (
    <html lang={locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {noIndex && <meta name="robots" content="noindex" />}
        <title>{documentTitle}</title>
        <meta name="description" content={t('app.tagline')} />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        {banner}
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href={brandHref}>
              <span class="brand-mark" aria-hidden="true">
                ت
              </span>
              <span class="brand-name">{brandName}</span>
            </a>
            <nav aria-label={navLabel} class="header-nav">
              {nav}
              <a href={switchHref} lang={other} hreflang={other} aria-label={t('layout.language_switch_label')} class="lang-switch">
                {t('layout.language_switch')}
              </a>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="container">
          {children}
        </main>
        {footer && (
          <footer class="site-footer">
            <div class="container footer-row">
              <p>{t('layout.footer.rights')}</p>
              <p>{t('layout.footer.contact')}</p>
              <p>
                <a href="/api/openapi.json">{t('layout.footer.api')}</a>
              </p>
            </div>
          </footer>
        )}
        {after}
      </body>
    </html>
  );
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

/** The portal's page: the shell with the demo banner and the individuals' navigation. */
export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, locale } = ctx;
  const banner = ctx.demoMode && (
    <div class="demo-banner" role="note">
      <span>{t('demo.banner')}</span> <a href="/dev/personas">{t('demo.personas_link')}</a>
    </div>
  );
  const nav = (
    <>
      <a href="/" aria-current={ctx.path === '/' ? 'page' : undefined}>
        {t('layout.home')}
      </a>
      <a href="/services" aria-current={ctx.path.startsWith('/services') || ctx.path.startsWith('/requests') ? 'page' : undefined}>
        {t('service_pages.nav')}
      </a>
      {ctx.user ? (
        <>
          <a href="/inquiries" aria-current={ctx.path.startsWith('/inquiries') ? 'page' : undefined}>
            {t('inquiries.title')}
          </a>
          <span class="header-user">{locale === 'ar' ? ctx.user.nameAr : ctx.user.nameEn}</span>
          <a href="/me" aria-current={ctx.path === '/me' ? 'page' : undefined}>
            {t('pages.nav.my_data')}
          </a>
          <a href="/inbox" aria-current={ctx.path === '/inbox' ? 'page' : undefined}>
            {t('service_pages.inbox_title')}
          </a>
          <a href="/payments" aria-current={ctx.path.startsWith('/payments') ? 'page' : undefined}>
            {t('payments.history_title')}
          </a>
          {/* Logging out changes state: a POST with the session's CSRF token, not a link. */}
          <form method="post" action="/logout" class="header-form">
            <input type="hidden" name="_csrf" value={ctx.user.csrfToken} />
            <button type="submit" class="link-button">
              {t('pages.nav.logout')}
            </button>
          </form>
        </>
      ) : (
        <>
          <a href="/login" aria-current={ctx.path.startsWith('/login') ? 'page' : undefined}>
            {t('pages.nav.login')}
          </a>
          <a href="/register" aria-current={ctx.path === '/register' ? 'page' : undefined}>
            {t('pages.nav.register')}
          </a>
        </>
      )}
    </>
  );
  return (
    <PageShell ctx={ctx} documentTitle={`${title} | ${t('app.name')}`} banner={banner} brandHref="/" brandName={t('app.name')} navLabel={t('layout.main_nav')} nav={nav} after={<SessionWarning ctx={ctx} />}>
      {children}
    </PageShell>
  );
}
