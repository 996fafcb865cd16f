import type { KbEntry } from '../knowledge';
import { t, type Locale } from './i18n';

/**
 * Where the support phone numbers and their hours are written: knowledge base entries (from the
 * seed article), so an edit there changes what every refusal offers, and no dialog repeats them.
 */
export const OTHER_WAYS_ENTRIES = ['m365-phone-numbers', 'm365-phone-hours-language'] as const;

/** What the bot needs to read them: the current knowledge base's entries by id. */
export interface EntryLookup {
  entry(id: string): KbEntry | undefined;
}

/**
 * "Other ways to reach support", added to every refusal so that none is a dead end: the phone
 * numbers and hours in the chat's language. Empty when the knowledge base no longer has them.
 */
export function otherWays(kb: EntryLookup, locale: Locale): string {
  const answers = OTHER_WAYS_ENTRIES.map((id) => kb.entry(id))
    .filter((entry): entry is KbEntry => !!entry)
    .map((entry) => (locale === 'en' ? (entry.answerEn ?? entry.answer) : entry.answer));
  return answers.length > 0 ? `${t(locale, 'support.otherWays')}\n\n${answers.join('\n\n')}` : '';
}

/** What dialogs and rules ask for: a refusal with the other ways after it. */
export interface SupportContacts {
  refusal(locale: Locale, text: string): string;
}

export function supportContacts(kb: EntryLookup): SupportContacts {
  return {
    refusal(locale, text) {
      const ways = otherWays(kb, locale);
      return ways ? `${text}\n\n${ways}` : text;
    },
  };
}
