import { fold } from '../../../common/text';
import type { Category } from '../types';

/**
 * Word stems (diacritics folded) that point a request to a category. The chat asks the
 * administrator to pick a category; a mail has no such step, so its words decide. A billing or
 * pre-sales word in a mail about a broken service is often incidental ("the salespeople cannot
 * send their offers", "the library with our invoices is gone"), so those categories need at
 * least as many of their words as the mail has words about the service; anything else is technical
 * (the category that allows every grade only on premier contracts, and that the bot offers first).
 */
const STEMS: Record<Category, string[]> = {
  billing: [
    'faktur',
    'platno',
    'oplat',
    'rachun',
    'subskryp',
    'licencj',
    'odnowi',
    'zwrot',
    'invoice',
    'billing',
    'payment',
    'subscription',
    'licens',
    'renewal',
    'charge',
    'refund',
  ],
  presales: [
    'ofert',
    'wycen',
    'cennik',
    'zakup',
    'kupi',
    'dokupi',
    'koszt',
    'rozwaz',
    'przedsprzeda',
    'quote',
    'pricing',
    'purchase',
    'buy',
    'cost',
    'considering',
    'pre-sales',
    'presales',
  ],
  // The services and what breaks in them; not "error" or "błąd", which a failed payment has too.
  technical: [
    'poczt',
    'mail',
    'e-mail',
    'email',
    'outlook',
    'teams',
    'sharepoint',
    'onedrive',
    'exchange',
    'skrzyn',
    'kalendarz',
    'witryn',
    'bibliotek',
    'plik',
    'logow',
    'zalogow',
    'haslo',
    'hasla',
    'mfa',
    'serwer',
    'dns',
    'synchroniz',
    'domen',
    'smtp',
    'lacznik',
    'mailbox',
    'calendar',
    'site',
    'library',
    'file',
    'sign-in',
    'login',
    'password',
    'sync',
    'server',
    'domain',
    'connector',
  ],
};

/** The category a request's words suggest: billing or pre-sales when they name them at least as often as the service, else technical. */
export function suggestCategory(text: string): Category {
  const words = fold(text).split(/[^a-z0-9-]+/);
  const count = (stems: string[]) => words.filter((w) => stems.some((s) => w.startsWith(s))).length;
  const billing = count(STEMS.billing);
  const presales = count(STEMS.presales);
  if (billing === 0 && presales === 0) return 'technical';
  if (Math.max(billing, presales) < count(STEMS.technical)) return 'technical';
  return billing >= presales ? 'billing' : 'presales';
}
