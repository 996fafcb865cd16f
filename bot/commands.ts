import type { Choice } from 'botbuilder-dialogs';
import { trimTrailing } from '../common/text';
import { t, type Locale, type MessageKey } from './i18n';

/** A customer's words, folded so that "Anuluj!", "anuluj" and "ANULUJ" are the same command. */
export function fold(text: string): string {
  return trimTrailing(text.trim().toLowerCase(), '.!?,;:').replace(/\s+/g, ' ');
}

/**
 * Whether `text` is one of the phrasings of a command. Commands are understood in both
 * languages whatever the chat's locale, since people mix them.
 */
export function isCommand(text: string | undefined, key: MessageKey): boolean {
  if (!text) return false;
  return phrasingsOf(key).includes(fold(text));
}

// The catalogues never change while the process runs, and a turn asks about several commands.
const phrasingsByKey = new Map<MessageKey, string[]>();

/** Every phrasing of a command in both languages, folded. */
function phrasingsOf(key: MessageKey): string[] {
  let phrasings = phrasingsByKey.get(key);
  if (!phrasings) {
    phrasings = (['pl', 'en'] as Locale[]).flatMap((locale) => t(locale, key).split('|').map(fold));
    phrasingsByKey.set(key, phrasings);
  }
  return phrasings;
}

/**
 * A prompt's choice that typed words pick as well as its button: "tak" answers
 * "Dane są poprawne", "mail" picks "E-mail".
 */
export function choiceSaidAs(title: string, key: MessageKey): Choice {
  // A copy: the prompt's recognizer must not be able to change the cached list.
  return { value: title, synonyms: [...phrasingsOf(key)] };
}

const TICKET_ID = /\bSR-\d{4}-\d{6}\b/i;

/** "status SR-2026-000123" (or just the ticket id) -> the id, upper-cased. */
export function ticketIdIn(text: string | undefined): string | null {
  const match = text?.match(TICKET_ID);
  return match ? match[0].toUpperCase() : null;
}
