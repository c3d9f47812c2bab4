/**
 * Links to the platform's own pages, as a browser should follow them: relative to the page.
 *
 * The portal may be opened at another address than PUBLIC_URL (its IP from a phone on the same
 * network, a second host name). An absolute link built from PUBLIC_URL then leaves the address
 * the person is on: the session cookie (bound to the host) stays behind, and a form whose answer
 * redirects there is blocked by the Content-Security-Policy (`form-action 'self'`) with nothing
 * shown. A path keeps the browser where it is, whatever the address.
 */

/** The path (with query and fragment) of `url` when it is on `base`'s origin; null when it is elsewhere or not a URL. */
export function pathOnOrigin(url: string, base: string): string | null {
  try {
    const target = new URL(url, base);
    if (target.origin !== new URL(base).origin) return null;
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return null;
  }
}

/** Where to send a browser for `url`: a path when it is one of our own pages (on `base`), else `url` as it is. */
export function browserLocation(url: string, base: string): string {
  return pathOnOrigin(url, base) ?? url;
}
