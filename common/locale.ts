/**
 * The product's languages: Polish first (the knowledge base, the default for anyone whose chat
 * does not ask otherwise), English for the rest. The bot, the knowledge base, the PIN messages
 * and the deadline explanations all speak exactly these.
 */
export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}
