import type { Locale } from '../../common/locale';
import pl from './pl.json';
import en from './en.json';

export type { Locale };
export type MessageKey = keyof typeof pl;

/** Polish has every message; a missing English one falls back to Polish. */
const catalogues: { pl: Record<MessageKey, string>; en: Partial<Record<MessageKey, string>> } = { pl, en };

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `vars`. A placeholder
 * without a value is an error: a half-filled sentence must never reach a customer.
 */
export function t(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.pl[key];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`message "${key}" needs a value for {${name}}`);
    return String(value);
  });
}

/** The language a chat client asks for ('pl-PL', 'en-US', ...); anything else gets Polish. */
export function localeFromTag(tag: string | undefined): Locale | null {
  if (!tag) return null;
  const lang = tag.toLowerCase().split(/[-_]/)[0];
  return lang === 'en' ? 'en' : lang === 'pl' ? 'pl' : null;
}

const POLISH_LETTERS = /[ąćęłńóśźż]/i;
const POLISH_WORDS =
  /\b(jak|czy|nie|się|mój|moje|moja|jest|co|gdzie|dlaczego|kiedy|mogę|można|pomoc|zgłoszenie|zgłoszenia|hasło|poczta|cześć|dzień|dobry|tak)\b/i;
const ENGLISH_WORDS =
  /\b(how|what|why|where|when|can|do|does|is|my|the|i|to|of|help|please|hello|hi|password|mail|ticket|tickets|person|yes|no)\b/i;

/**
 * A guess at the language of one message, or null when it says too little ("E-mail", a name,
 * a code). English needs two of its common words, so one borrowed word never switches language.
 */
export function detectLocale(text: string): Locale | null {
  if (POLISH_LETTERS.test(text) || POLISH_WORDS.test(text)) return 'pl';
  const english = new Set(text.toLowerCase().match(new RegExp(ENGLISH_WORDS.source, 'gi')) ?? []);
  return english.size >= 2 ? 'en' : null;
}

/** Every message key, for the test that both catalogues say the same things. */
export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]).sort();
}
