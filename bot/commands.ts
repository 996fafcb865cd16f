import { LOCALES } from '../common/locale';
import { foldPhrase, trimTrailing } from '../common/text';
import { LruCache } from '../common/lruCache';
import { t, type MessageKey } from './i18n';
import type { TypedChoice } from './typedAnswer';

/**
 * A customer's words as commands compare them: folded (case and diacritics do not matter) and
 * without closing punctuation, so "Anuluj!", "anuluj" and "ANULUJ" are the same command, and so
 * are "Wyślij ponownie" and "wyslij ponownie".
 */
export function commandKey(text: string): string {
  return trimTrailing(foldPhrase(text), '.!?,;: ');
}

/**
 * Whether `text` is one of the phrasings of a command. Commands are understood in both
 * languages whatever the chat's locale, since people mix them.
 */
export function isCommand(text: string | undefined, key: MessageKey): boolean {
  if (!text) return false;
  // A turn asks about a dozen commands of one message: its key is worked out once, and kept for
  // the messages that come back (the buttons' titles, the questions asked all day).
  if (lastAsked?.text !== text)
    lastAsked = { text, key: text.length > LONGEST_KEPT ? commandKey(text) : keyed.through(text, () => commandKey(text)) };
  return commandKeysOf(key).has(lastAsked.key);
}

let lastAsked: { text: string; key: string } | undefined;
/** Messages' command keys, and the longest message kept: the cache stays small whatever is sent. */
const keyed = new LruCache<string, string>(2_000);
const LONGEST_KEPT = 300;

// The catalogues never change while the process runs, and a turn asks about several commands.
const phrasingsByKey = new Map<MessageKey, string[]>();
const commandKeysByKey = new Map<MessageKey, Set<string>>();

/** Every phrasing of a command in both languages, as the catalogues write them (lowercase). */
export function phrasingsOf(key: MessageKey): string[] {
  let phrasings = phrasingsByKey.get(key);
  if (!phrasings) {
    phrasings = LOCALES.flatMap((locale) =>
      t(locale, key)
        .split('|')
        .map((p) => p.trim().toLowerCase()),
    );
    phrasingsByKey.set(key, phrasings);
  }
  return phrasings;
}

function commandKeysOf(key: MessageKey): Set<string> {
  let keys = commandKeysByKey.get(key);
  if (!keys) {
    keys = new Set(phrasingsOf(key).map(commandKey));
    commandKeysByKey.set(key, keys);
  }
  return keys;
}

/**
 * A prompt's choice that typed words pick as well as its button: "tak" answers
 * "Dane są poprawne", "mail" picks "E-mail". botbuilder's recognizer compares the synonyms itself
 * (ignoring case), so they are the catalogue's phrasings as written. The choice that a yes or a no
 * picks says so, and `typed` names what else people type for it (see TypedChoice).
 */
export function choiceSaidAs(title: string, key: MessageKey, typed?: MessageKey): TypedChoice {
  // Copies: the prompt's recognizer must not be able to change the cached lists.
  const choice: TypedChoice = { value: title, synonyms: [...phrasingsOf(key)] };
  if (key === 'commands.yes' || key === 'commands.no') choice.says = key === 'commands.yes' ? 'yes' : 'no';
  if (typed) choice.words = [...phrasingsOf(typed)];
  return choice;
}

const TICKET_ID = /\bSR-\d{4}-\d{6}\b/i;

/** "status SR-2026-000123" (or just the ticket id) -> the id, upper-cased. */
export function ticketIdIn(text: string | undefined): string | null {
  const match = text?.match(TICKET_ID);
  return match ? match[0].toUpperCase() : null;
}

/** "dodaj do SR-2026-000123: partner zmienił konektor" -> "partner zmienił konektor" ('' when nothing follows the id). */
export function textAfterTicketId(text: string): string {
  const match = TICKET_ID.exec(text);
  return match
    ? text
        .slice(match.index + match[0].length)
        .replace(/^[\s:,.;–—-]+/, '')
        .trim()
    : '';
}
