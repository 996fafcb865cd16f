import { fold } from '../../../common/text';
import type { Category } from '../types';

/**
 * Word stems (diacritics folded) that point a request away from the technical category. The
 * chat asks the administrator to pick a category; a mail has no such step, so its words decide,
 * and anything without a billing or pre-sales word is technical (the category that allows every grade
 * only on premier contracts, and that the bot offers first).
 */
const STEMS: Record<Exclude<Category, 'technical'>, string[]> = {
  billing: [
    'faktur',
    'platno',
    'oplat',
    'rachun',
    'subskryp',
    'licencj',
    'odnowi',
    'invoice',
    'billing',
    'payment',
    'subscription',
    'licens',
    'renewal',
    'charge',
  ],
  presales: ['ofert', 'wycen', 'cennik', 'zakup', 'kupi', 'przedsprzeda', 'quote', 'pricing', 'purchase', 'buy', 'pre-sales', 'presales'],
};

/** The category a request's words suggest: billing or pre-sales when they name them, else technical. */
export function suggestCategory(text: string): Category {
  const words = fold(text).split(/[^a-z0-9-]+/);
  const count = (stems: string[]) => words.filter((w) => stems.some((s) => w.startsWith(s))).length;
  const billing = count(STEMS.billing);
  const presales = count(STEMS.presales);
  if (billing === 0 && presales === 0) return 'technical';
  return billing >= presales ? 'billing' : 'presales';
}
