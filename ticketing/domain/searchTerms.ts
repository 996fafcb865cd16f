import { fold } from '../../common/text';
import { formatTicketId } from './ticketId';
import type { Ticket } from './types';

/**
 * The words a ticket is found by, and how a query's words are read the same way (docs/agent-workspace.md).
 * Both sides fold case and diacritics (common/text.ts) and reduce a Polish word to a light stem, so
 * "drukarce", "Drukarka" and "DRUKARKI" are one term. The stemmer is deliberately small: it strips
 * the common inflectional endings and evens out the consonant changes before them (k/c/t, g/dz, r/rz),
 * which finds the forms an agent types without a dictionary; two unrelated words may share a term,
 * never one word two.
 */

/** At most this many terms a ticket: the save script's work and the index's memory stay bounded. */
export const MAX_TERMS_PER_TICKET = 300;
/** A term is at most this long: longer words are told apart by their start. */
const MAX_TERM_LENGTH = 16;

const STOP_WORDS = new Set(
  (
    'a aby ale albo am an and are as at be bo by byc co czy dla do i ich in is it jak jest juz lub ma mam na nas nie ' +
    'o od of on one oraz po pod przez sa sie tak tam te the to tu w we z za ze'
  ).split(' '),
);

/** Inflectional endings, longest first; a stem keeps at least MIN_STEM letters. */
const ENDINGS = [
  'owie',
  'ami',
  'ach',
  'ych',
  'ich',
  'ymi',
  'imi',
  'ego',
  'emu',
  'iej',
  'owi',
  'ow',
  'om',
  'em',
  'ej',
  'ie',
  'ia',
  'iu',
  'io',
  'ac',
  'ic',
  'yc',
  'am',
  'y',
  'i',
  'a',
  'e',
  'u',
  'o',
];
const MIN_STEM = 3;
/** The consonant a stem ends in before one ending and after another: drukarka/drukarce, noga/nodze, komputer/komputerze. */
const ALTERNATIONS: [RegExp, string][] = [
  [/dz$/, 'g'],
  [/rz$/, 'r'],
  [/[ct]$/, 'k'],
];

/** The term of one folded word, or null for a word too short or too common to find anything by. */
function termOf(word: string): string | null {
  if (/^\d+$/.test(word)) return word.replace(/^0+(?=\d)/, '').slice(0, MAX_TERM_LENGTH);
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  let stem = word;
  if (/^[a-z]+$/.test(word)) {
    const ending = ENDINGS.find((e) => word.length - e.length >= MIN_STEM && word.endsWith(e));
    if (ending) stem = word.slice(0, word.length - ending.length);
    for (const [pattern, replacement] of ALTERNATIONS) stem = stem.replace(pattern, replacement);
  }
  return stem.slice(0, MAX_TERM_LENGTH);
}

/** The distinct terms of a text, in the order they first occur. */
export function termsOfText(text: string): string[] {
  const terms = new Set<string>();
  for (const word of fold(text).split(/[^a-z0-9]+/)) {
    const term = word && termOf(word);
    if (term) terms.add(term);
  }
  return [...terms];
}

/** A phone number as one term of its digits, and the last nine alone (without a country code). */
function phoneTerms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 9 ? [digits, digits.slice(-9)] : [digits];
}

/**
 * Everything a ticket is found by: its number, organisation, administrator, contact, title,
 * description, who is affected and its conversation, capped at MAX_TERMS_PER_TICKET (the fields
 * named first always fit).
 */
export function searchTermsOf(ticket: Ticket): string[] {
  const terms = new Set<string>();
  const number = /-(\d+)$/.exec(ticket.id)?.[1];
  if (number) terms.add(number.replace(/^0+(?=\d)/, ''));
  const texts = [ticket.orgId, ticket.adminId, ticket.contact.email ?? '', ticket.title, ticket.description, ticket.affected];
  if (ticket.contact.phone) for (const t of phoneTerms(ticket.contact.phone)) terms.add(t);
  for (const message of ticket.messages) texts.push(message.text);
  for (const text of texts) {
    for (const term of termsOfText(text)) {
      if (terms.size >= MAX_TERMS_PER_TICKET) return [...terms];
      terms.add(term);
    }
  }
  return [...terms];
}

/** A query as the search reads it: a ticket id typed whole, or the terms every ticket found must have. */
export type SearchQuery = { kind: 'id'; id: string } | { kind: 'terms'; terms: string[] };

/** At most this many words in a query: each is one more index to check a candidate against. */
export const MAX_QUERY_TERMS = 8;

export function parseSearchQuery(text: string): SearchQuery {
  const id = /^\s*sr-?(\d{4})-?(\d{1,9})\s*$/i.exec(text);
  if (id && Number(id[1]) >= 1000 && Number(id[2]) >= 1) return { kind: 'id', id: formatTicketId(Number(id[1]), Number(id[2])) };
  const digits = text.replace(/[\s()+-]/g, '');
  if (/^\d{9,15}$/.test(digits) && /\s/.test(text.trim())) return { kind: 'terms', terms: phoneTerms(digits).slice(-1) };
  return { kind: 'terms', terms: termsOfText(text).slice(0, MAX_QUERY_TERMS) };
}
