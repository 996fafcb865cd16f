import type { Request } from 'restify';

/** A cookie's value from the request's Cookie header, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. Absent: a browser-session cookie. */
  maxAge?: number;
  /** Only over https: set whenever the desk's own address is https. */
  secure: boolean;
}

/**
 * A Set-Cookie value: always HttpOnly (page scripts never read it) and SameSite=Lax (sent on
 * top-level navigations, such as the identity provider's redirect back, never on other sites'
 * form posts or fetches).
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
