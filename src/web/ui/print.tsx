import type { PageContext } from '../context.js';

/**
 * How to print a page laid out to print, right on a computer and on a phone: a Print button that
 * /assets/print.js shows (it calls window.print()), and, until then or without JavaScript, a hint
 * that names the browser's print and share menus, never a key: a phone has no Ctrl+P.
 */
export function PrintControls({ ctx, hint }: { ctx: Pick<PageContext, 't'>; hint?: string }) {
  const { t } = ctx;
  return (
    <div class="print-controls no-print">
      <p class="muted" data-print-hint>
        {hint ?? t('pages.print.hint')}
      </p>
      <button type="button" class="button button-secondary" data-print hidden>
        {t('pages.print.button')}
      </button>
      <script src="/assets/print.js" defer></script>
    </div>
  );
}
