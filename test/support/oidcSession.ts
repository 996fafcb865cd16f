import { DEMO_PASSWORD } from '../../ticketing/demo/devIdentityProvider';

/** A signed-in console session as a browser holds it: the cookie header and the CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

/**
 * Signs a demo agent in over plain HTTP, redirect by redirect, as a browser would: the desk's
 * /auth/login, the development provider's sign-in form, the callback. Cookies are kept per
 * origin. Returns the desk's session cookie and the CSRF token /api/console/me gives it.
 */
export async function signInOverHttp(deskUrl: string, account: string, password = DEMO_PASSWORD): Promise<ConsoleSession> {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (url: URL) => jar.get(url.origin) ?? jar.set(url.origin, new Map()).get(url.origin)!;
  const send = async (url: URL, init: RequestInit = {}) => {
    const cookie = [...cookiesFor(url)].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || /expires=thu, 01 jan 1970/i.test(line);
      if (gone) cookiesFor(url).delete(pair.slice(0, at));
      else cookiesFor(url).set(pair.slice(0, at), pair.slice(at + 1));
    }
    await res.arrayBuffer();
    return res;
  };

  let url = new URL('/auth/login?return=/agent', deskUrl);
  let res = await send(url);
  // To the provider, its sign-in page, the form, and back to the desk's callback.
  for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
    url = new URL(res.headers.get('location')!, url);
    res = await send(url);
    if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
      res = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: account, password }).toString(),
      });
    }
  }
  const desk = new URL(deskUrl);
  const session = cookiesFor(desk).get('desk_session');
  if (!session) throw new Error(`sign-in as ${account} ended at ${url.href} with ${res.status}, without a session`);
  const cookie = `desk_session=${session}`;
  const me = await fetch(new URL('/api/console/me', desk), { headers: { cookie } });
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}
