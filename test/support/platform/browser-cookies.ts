/**
 * The tool's cookies as a current browser keeps and sends them. What matters for LTI: the
 * id_token arrives as a cross-site form POST from the platform, and on such a request a browser
 * sends only `SameSite=None; Secure` cookies (no SameSite attribute counts as Lax), and a Secure
 * cookie only to an https origin.
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.8.3
 */
export type SameSite = 'Strict' | 'Lax' | 'None';

/** How a request reaches the tool: a top-level GET navigation, or a form POST from another site. */
export type RequestSite = 'top-level-get' | 'cross-site-post';

interface StoredCookie {
  name: string;
  value: string;
  sameSite: SameSite;
  secure: boolean;
  path: string;
}

/** Cookies the simulated browser decided not to store or send, with why (for self-tests). */
export interface CookieDecision {
  name: string;
  reason: 'secure-over-http' | 'none-without-secure' | 'same-site-on-cross-site-post' | 'third-party-blocked';
}

const SAME_SITE: Record<string, SameSite> = { strict: 'Strict', lax: 'Lax', none: 'None' };

function parseSetCookie(header: string): (StoredCookie & { expired: boolean }) | undefined {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), sameSite: 'Lax' as SameSite, secure: false, path: '/', expired: false };
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=');
    const name = key.toLowerCase();
    if (name === 'secure') cookie.secure = true;
    else if (name === 'samesite') cookie.sameSite = SAME_SITE[value.toLowerCase()] ?? 'Lax';
    else if (name === 'path' && value.startsWith('/')) cookie.path = value;
    else if (name === 'max-age') cookie.expired ||= Number(value) <= 0;
    else if (name === 'expires') cookie.expired ||= Date.parse(value) <= Date.now();
  }
  return cookie;
}

export class BrowserCookies {
  private readonly cookies = new Map<string, StoredCookie>();
  /** What was refused, most recent last. */
  readonly refused: CookieDecision[] = [];

  /** Takes the Set-Cookie headers of a response from `origin` (the tool's scheme and host). */
  store(setCookie: string[] | string | undefined, origin: string): void {
    for (const header of [setCookie ?? []].flat()) {
      const cookie = parseSetCookie(header);
      if (!cookie) continue;
      if (cookie.expired) {
        this.cookies.delete(cookie.name);
        continue;
      }
      if (cookie.secure && !origin.startsWith('https:')) this.refused.push({ name: cookie.name, reason: 'secure-over-http' });
      else if (cookie.sameSite === 'None' && !cookie.secure) this.refused.push({ name: cookie.name, reason: 'none-without-secure' });
      else this.cookies.set(cookie.name, cookie);
    }
  }

  /** The Cookie header a browser sends with this request, or undefined when none goes. */
  header(url: URL, site: RequestSite, thirdPartyBlocked = false): string | undefined {
    const sent: string[] = [];
    for (const cookie of this.cookies.values()) {
      if (!url.pathname.startsWith(cookie.path)) continue;
      if (cookie.secure && url.protocol !== 'https:') continue;
      if (thirdPartyBlocked && site === 'cross-site-post') this.refused.push({ name: cookie.name, reason: 'third-party-blocked' });
      else if (site === 'cross-site-post' && cookie.sameSite !== 'None') this.refused.push({ name: cookie.name, reason: 'same-site-on-cross-site-post' });
      else if (site === 'top-level-get' && cookie.sameSite === 'Strict') continue;
      else sent.push(`${cookie.name}=${cookie.value}`);
    }
    return sent.length ? sent.join('; ') : undefined;
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}
