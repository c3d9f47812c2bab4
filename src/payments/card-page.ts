import { pathOnOrigin } from '../kernel/own-url.js';
import type { CardGateway } from './gateway.js';

/**
 * Where the browser goes to type its card, as the portal's security policy allows it.
 *
 * The redirect answers the portal's "pay by card" form, so the browser checks it against the
 * Content-Security-Policy's `form-action`: `'self'` and the gateway's own hosted-page origins.
 * A hosted page served by this app (the sandbox acquirer, whose links are built from
 * PUBLIC_URL) is sent as a path, so it stays on whatever address the person opened the portal
 * at; an external acquirer's page goes as it is, when its origin is one the policy lists.
 */

/** The gateway's hosted-page origins, each as a URL's origin (no path, no trailing slash). */
function hostedOrigins(gateway: Pick<CardGateway, 'hostedPageOrigins'>): string[] {
  return (gateway.hostedPageOrigins ?? []).map((origin) => new URL(origin).origin);
}

/** The `form-action` sources of the portal's Content-Security-Policy. */
export function formActionSources(gateway: Pick<CardGateway, 'hostedPageOrigins'>): string[] {
  return ["'self'", ...hostedOrigins(gateway)];
}

/**
 * The Location to answer the card form with, or null when the browser would refuse to follow
 * it (an origin the policy does not list: a misconfigured gateway). The caller then shows the
 * person a message instead of a redirect that silently does nothing.
 */
export function cardPageLocation(redirectUrl: string, options: { publicUrl: string; gateway: Pick<CardGateway, 'hostedPageOrigins'> }): string | null {
  const own = pathOnOrigin(redirectUrl, options.publicUrl);
  if (own !== null) return own;
  let origin: string;
  try {
    origin = new URL(redirectUrl).origin;
  } catch {
    return null;
  }
  return hostedOrigins(options.gateway).includes(origin) ? redirectUrl : null;
}
