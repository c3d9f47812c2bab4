import type { PageContext } from './context.js';

/**
 * The notice a signed-in page gives a little before the session ends for being idle, with a
 * button to stay signed in. It is hidden in the HTML: /assets/session-timeout.js shows it when
 * the time comes (no inline script: the CSP forbids it). Without JavaScript nothing warns, and
 * a form sent after the end keeps its answers anyway (requests/draft-web.ts). The button is a
 * plain form (POST /session/keep-alive, the session's CSRF token) that works without the script.
 */

/** How long before the idle end the notice shows. */
export const WARN_BEFORE_SECONDS = 180;

export function SessionWarning({ ctx }: { ctx: PageContext }) {
  const { t, user } = ctx;
  if (!user?.idleMinutes) return null;
  return (
    <div
      id="session-warning"
      class="session-warning"
      hidden
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-warning-text"
      data-idle-seconds={String(user.idleMinutes * 60)}
      data-warn-before-seconds={String(WARN_BEFORE_SECONDS)}
      data-ended-text={t('pages.session_warning.ended')}
      data-kept-text={t('pages.session_warning.kept')}
    >
      <p id="session-warning-text">{t('pages.session_warning.text')}</p>
      <form method="post" action="/session/keep-alive" class="session-warning-form">
        <input type="hidden" name="_csrf" value={user.csrfToken} />
        <input type="hidden" name="next" value={ctx.path} />
        <button type="submit" class="button">
          {t('pages.session_warning.stay')}
        </button>
      </form>
      <script src="/assets/session-timeout.js" defer></script>
    </div>
  );
}
