import { foldPhrase, trimTrailing } from '../../common/text';
import type { Organisation } from '../domain/types';
import type { OrganisationDirectory } from './organisationStore';

const MIN_PREFIX = 3;

/**
 * The organisation a person names in chat: its id (any case), tenant id or full name, or the
 * start of its name when only one organisation's name starts so ("Contoso" for
 * "Contoso Sp. z o.o."). People rarely type the legal form; an ambiguous start finds nothing.
 */
export async function findOrganisationNamed(store: OrganisationDirectory, query: string): Promise<Organisation | null> {
  const typed = query.trim();
  if (!typed) return null;
  const exact = (await store.findOrganisation(typed)) ?? (await store.findOrganisation(typed.toLowerCase()));
  if (exact) return exact;
  const wanted = trimTrailing(foldPhrase(typed), '.,;');
  if (wanted.length < MIN_PREFIX) return null;
  const matches = await store.startingWith(wanted, 2);
  return matches.length === 1 ? (matches[0] ?? null) : null;
}
