import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { foldPhrase } from '../../common/text';
import type { Organisation } from '../domain/types';
import type { OrganisationDirectory } from './organisationStore';

const MIN_PREFIX = 3;
/** Names compared with a typed one: those sharing its first two letters, at most this many (one range of the names index). */
const CANDIDATES = 500;
/** Legal forms people add, drop or spell their own way ("S.A.", "sa", "sp. z o.o.", "GmbH"), once punctuation is gone. */
const LEGAL_FORM =
  /(?:^| )(?:spolka z ograniczona odpowiedzialnoscia|spolka z o o|spolka akcyjna|spolka jawna|s a|sa|sp z o o|sp z oo|sp zoo|spzoo|sp j|sp k|sp|s c|sc|gmbh|ltd|inc|llc|plc|ag|bv|nv|s r o|sro)$/;

/**
 * First letters people write for one another ("Kontoso" for Contoso): when no name under the
 * typed letter fits, the names under the other one are compared too.
 */
const CONFUSED_FIRST_LETTERS: Readonly<Record<string, string>> = { c: 'k', k: 'c', v: 'w', w: 'v', i: 'y', y: 'i' };

/** What a typed organisation name found: one organisation, several that fit equally well, or none. */
export type OrganisationMatch = { found: Organisation } | { ambiguous: Organisation[] } | null;

/**
 * The organisation a person names in chat, forgivingly: its id (any case), tenant id or name,
 * whatever the case, punctuation and legal form ("fabrikam sa", "Fabrikam", "fabrikam s.a." all
 * name "Fabrikam S.A."), the start of one name ("Northwind Polska"), or a name with a typo or
 * two ("Fabrikm"; the first two letters must be right, but for a first letter people confuse:
 * "Kontoso"). When two organisations fit equally well, both are returned: the caller asks. Reads
 * one range of the names index (two for a confusable first letter), whatever the size of the
 * directory.
 */
export async function matchOrganisationNamed(store: OrganisationDirectory, query: string): Promise<OrganisationMatch> {
  const typed = query.trim();
  if (!typed) return null;
  const exact = (await store.findOrganisation(typed)) ?? (await store.findOrganisation(typed.toLowerCase()));
  if (exact) return { found: exact };
  const wanted = coreName(typed);
  if (wanted.length < MIN_PREFIX) return null;
  const namesFrom = async (start: string) =>
    (await store.namesStartingWith(start, CANDIDATES)).map((n) => ({ id: n.id, core: coreName(n.name) }));
  const named = await namesFrom(wanted.slice(0, 2));
  const confused = CONFUSED_FIRST_LETTERS[wanted[0]!];
  const ids =
    fitting(named.filter((n) => n.core === wanted)) ??
    fitting(named.filter((n) => n.core.startsWith(`${wanted} `))) ??
    fitting(closest(named, wanted)) ??
    (confused ? fitting(closest(await namesFrom(confused + wanted[1]), wanted)) : null);
  if (!ids) return null;
  const orgs = (await Promise.all(ids.map((id) => store.get(id)))).filter((org): org is Organisation => org !== null);
  return orgs.length === 1 ? { found: orgs[0]! } : orgs.length > 1 ? { ambiguous: orgs } : null;
}

/** The most parts of a message tried as a name: each reads one range of the names index (two at most). */
const MAX_PARTS_TRIED = 12;

/**
 * The organisation named in a message that says more than its name ("firma Contoso", "Dzień
 * dobry, organizacja to Contoso.", "pracuję w contoso, jestem adminem"): the whole message as
 * matchOrganisationNamed reads it; then each of its clauses, and a clause without the words
 * before the name or after it, until one part finds exactly one organisation. A bounded number
 * of reads, whatever the message's length or the directory's size.
 */
export async function matchOrganisationIn(store: OrganisationDirectory, text: string): Promise<OrganisationMatch> {
  const whole = await matchOrganisationNamed(store, text);
  if (whole) return whole;
  for (const part of partsOf(text).slice(0, MAX_PARTS_TRIED)) {
    const match = await matchOrganisationNamed(store, part);
    if (match && 'found' in match) return match;
  }
  return null;
}

/** Clauses (split at , ; : ! ? brackets and a spaced dash), then each clause's word runs that drop words before or after. */
function partsOf(text: string): string[] {
  const clauses = text
    .split(/[,;:!?()]|\s[-–—]\s/)
    .map((clause) => clause.trim())
    .filter(Boolean);
  const parts = new Set<string>(clauses.length > 1 ? clauses : []);
  for (const clause of clauses) {
    const words = clause.split(/\s+/);
    for (let i = 1; i < words.length; i++) parts.add(words.slice(i).join(' '));
    for (let i = words.length - 1; i > 0; i--) parts.add(words.slice(0, i).join(' '));
  }
  parts.delete(text.trim());
  return [...parts];
}

/** The organisation a name finds only when exactly one fits. */
export async function findOrganisationNamed(store: OrganisationDirectory, query: string): Promise<Organisation | null> {
  const match = await matchOrganisationNamed(store, query);
  return match && 'found' in match ? match.found : null;
}

function fitting(named: { id: string }[]): string[] | null {
  return named.length > 0 ? named.map((n) => n.id) : null;
}

/** A name without case, diacritics, punctuation or legal form: "Fabrikam S.A." -> "fabrikam". */
function coreName(name: string): string {
  let core = foldPhrase(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  for (;;) {
    // "Contoso Polska sp. z o.o. S.A." loses both; a name that is only a legal form keeps it.
    const stripped = core.replace(LEGAL_FORM, '').trim();
    if (!stripped || stripped === core) return core;
    core = stripped;
  }
}

/** The names within a typo or two of the typed one (one for short names), the nearest and those tied with it. */
function closest<T extends { core: string }>(named: readonly T[], wanted: string): T[] {
  const allowed = wanted.length >= 9 ? 2 : wanted.length >= 4 ? 1 : 0;
  let best = allowed + 1;
  let nearest: T[] = [];
  for (const n of named) {
    // Also against as many of the name's first words as were typed: "Northwnd Polska" for "Northwind Polska Oddział".
    const head = n.core.split(' ').slice(0, wanted.split(' ').length).join(' ');
    const distance = Math.min(
      DamerauLevenshteinDistance(wanted, n.core, { restricted: true }),
      DamerauLevenshteinDistance(wanted, head, { restricted: true }),
    );
    if (distance < best) [best, nearest] = [distance, [n]];
    else if (distance === best) nearest.push(n);
  }
  return best <= allowed ? nearest : [];
}
