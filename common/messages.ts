import type { Locale } from './locale';

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A pair of message catalogues: Polish has every message, a missing English one falls back to
 * Polish. `t` fills `{name}` placeholders from `vars`; a placeholder without a value is an error,
 * because a half-filled sentence must never reach a customer.
 */
export function messageCatalogue<K extends string>(pl: Record<K, string>, en: Partial<Record<K, string>>) {
  const catalogues = { pl, en };
  return {
    t(locale: Locale, key: K, vars?: Record<string, string | number>): string {
      const template = catalogues[locale][key] ?? catalogues.pl[key];
      // Most messages have no placeholder, and a turn asks for several (buttons, commands).
      if (!template.includes('{')) return template;
      return template.replace(PLACEHOLDER, (_m, name: string) => {
        const value = vars?.[name];
        if (value === undefined) throw new Error(`message "${key}" needs a value for {${name}}`);
        return String(value);
      });
    },
    /** Every message key, for the test that both catalogues say the same things. */
    keys(locale: Locale): string[] {
      return Object.keys(catalogues[locale]).sort();
    },
  };
}
