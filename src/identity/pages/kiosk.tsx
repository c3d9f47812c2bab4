import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';

/**
 * The self-service kiosk's screen (/staff/kiosk): one task per screen, large targets, Arabic
 * first with a switch to English. The page carries no inline script (the CSP forbids it):
 * /assets/kiosk.js resets the screen after KIOSK_IDLE_SECONDS without a touch, and the server
 * ends the flow on its own (kiosk-activation.ts) in case the script never runs.
 */

export const KIOSK_IDLE_SECONDS = 60;

export type KioskScreen =
  | { kind: 'start'; nationalId?: string }
  | { kind: 'finger'; flowId: string; sensor?: { ownReading: string | null; otherReading: string } }
  | { kind: 'code'; flowId: string; maskedMobile: string }
  | { kind: 'done'; outcome: 'activated' | 'no_account' | 'already_active' | 'ended' };

export interface KioskTokens {
  formToken: string;
  staffToken: string;
}

function Tokens({ tokens }: { tokens: KioskTokens }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={tokens.formToken} />
      <input type="hidden" name="_staff_csrf" value={tokens.staffToken} />
    </>
  );
}

function KioskShell({ ctx, title, children, kioskId }: { ctx: PageContext; title: string; kioskId: string; children: ComponentChildren }) {
  const { t, locale } = ctx;
  const other = locale === 'ar' ? 'en' : 'ar';
  return (
    <html lang={locale} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script src="/assets/kiosk.js" defer></script>
      </head>
      <body class="kiosk" data-kiosk-idle-seconds={String(KIOSK_IDLE_SECONDS)} data-kiosk-home="/staff/kiosk">
        <header class="kiosk-header">
          <span class="brand-name">{t('kiosk.brand')}</span>
          <a href={`/language?to=${other}&next=${encodeURIComponent('/staff/kiosk')}`} lang={other} hreflang={other} class="kiosk-lang button button-secondary">
            {t('layout.language_switch')}
          </a>
        </header>
        <main id="main" class="kiosk-main">
          {ctx.demoMode && <p class="step-label">{t('kiosk.demo_note')}</p>}
          {children}
        </main>
        <footer class="kiosk-footer">
          <p>
            {t('kiosk.device')} <bdi dir="ltr">{kioskId}</bdi>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The demo sensor's reading sent as a finger placed on it (the person's own, or another's). */
function FingerForm(props: { tokens: KioskTokens; flowId: string; reading: string; id: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action="/staff/kiosk/finger" class="kiosk-form">
      <Tokens tokens={props.tokens} />
      <input type="hidden" name="flow" value={props.flowId} />
      <input type="hidden" name="reading" value={props.reading} />
      <button type="submit" class={props.secondary ? 'button button-secondary kiosk-button' : 'button kiosk-button'} id={props.id}>
        {props.label}
      </button>
    </form>
  );
}

function ResetForm({ tokens, flowId, label }: { tokens: KioskTokens; flowId?: string; label: string }) {
  return (
    <form method="post" action="/staff/kiosk/reset" id="kiosk-reset" class="kiosk-form">
      <Tokens tokens={tokens} />
      {flowId && <input type="hidden" name="flow" value={flowId} />}
      <button type="submit" class="button button-secondary kiosk-button">
        {label}
      </button>
    </form>
  );
}

function ErrorBox({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <div class="error-summary" role="alert" id="kiosk-error">
      <p>{error}</p>
    </div>
  );
}

export function KioskPage(props: { ctx: PageContext; tokens: KioskTokens; kioskId: string; screen: KioskScreen; error?: string }) {
  const { ctx, tokens, screen, error } = props;
  const { t } = ctx;
  if (screen.kind === 'start') {
    return (
      <KioskShell ctx={ctx} title={t('kiosk.title')} kioskId={props.kioskId}>
        <h1>{t('kiosk.title')}</h1>
        <p class="kiosk-lead">{t('kiosk.start_lead')}</p>
        <ErrorBox error={error} />
        <form method="post" action="/staff/kiosk/start" class="kiosk-form">
          <Tokens tokens={tokens} />
          <label for="nationalId">{t('kiosk.national_id')}</label>
          <input id="nationalId" name="nationalId" class="kiosk-input" inputMode="numeric" autocomplete="off" dir="ltr" maxLength={10} value={screen.nationalId ?? ''} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'kiosk-error' : undefined} />
          <button type="submit" class="button kiosk-button">
            {t('kiosk.continue')}
          </button>
        </form>
      </KioskShell>
    );
  }
  if (screen.kind === 'finger') {
    return (
      <KioskShell ctx={ctx} title={t('kiosk.finger_title')} kioskId={props.kioskId}>
        <h1>{t('kiosk.finger_title')}</h1>
        <p class="kiosk-lead">{t('kiosk.finger_lead')}</p>
        <ErrorBox error={error} />
        {screen.sensor && (
          <section class="panel kiosk-sensor" aria-labelledby="sensor-title">
            <h2 id="sensor-title">{t('kiosk.sensor_title')}</h2>
            {screen.sensor.ownReading === null && <p>{t('kiosk.sensor_no_record')}</p>}
            {screen.sensor.ownReading !== null && <FingerForm tokens={tokens} flowId={screen.flowId} reading={screen.sensor.ownReading} id="finger-own" label={t('kiosk.sensor_own')} />}
            <FingerForm tokens={tokens} flowId={screen.flowId} reading={screen.sensor.otherReading} id="finger-other" label={t('kiosk.sensor_other')} secondary />
          </section>
        )}
        <ResetForm tokens={tokens} flowId={screen.flowId} label={t('kiosk.cancel')} />
      </KioskShell>
    );
  }
  if (screen.kind === 'code') {
    return (
      <KioskShell ctx={ctx} title={t('kiosk.code_title')} kioskId={props.kioskId}>
        <h1>{t('kiosk.code_title')}</h1>
        <p class="kiosk-lead">
          {t('kiosk.code_lead')} <bdi dir="ltr">{screen.maskedMobile}</bdi>
        </p>
        <ErrorBox error={error} />
        <form method="post" action="/staff/kiosk/code" class="kiosk-form">
          <Tokens tokens={tokens} />
          <input type="hidden" name="flow" value={screen.flowId} />
          <label for="code">{t('kiosk.code')}</label>
          <input id="code" name="code" class="kiosk-input" inputMode="numeric" autocomplete="one-time-code" dir="ltr" maxLength={6} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'kiosk-error' : undefined} />
          <button type="submit" class="button kiosk-button">
            {t('kiosk.activate')}
          </button>
        </form>
        <ResetForm tokens={tokens} flowId={screen.flowId} label={t('kiosk.cancel')} />
      </KioskShell>
    );
  }
  const done = screen.outcome;
  return (
    <KioskShell ctx={ctx} title={t(`kiosk.done.${done}.title`)} kioskId={props.kioskId}>
      <div class={done === 'activated' ? 'notice notice-success' : 'notice'} role="status">
        <h1>{t(`kiosk.done.${done}.title`)}</h1>
        <p class="kiosk-lead">{t(`kiosk.done.${done}.next`)}</p>
      </div>
      <ResetForm tokens={tokens} label={t('kiosk.finish')} />
    </KioskShell>
  );
}
