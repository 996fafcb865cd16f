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

const POLISH_LETTERS = /[ąćęłńóśźż]/i;
// With the short words no English sentence uses, typed without diacritics as often as with them:
// "i do ilu krajow dzwonie?" has two English-looking words, and is Polish.
const POLISH_WORDS =
  /\b(jak|czy|nie|się|sie|mój|moje|moja|jest|co|gdzie|dlaczego|kiedy|mogę|moge|można|mozna|pomoc|zgłoszenie|zgłoszenia|hasło|poczta|cześć|dzień|dobry|tak|ile|ilu|jaki|jaka|jakie|jakich|który|ktory|która|ktora|które|ktore|mam|mnie|też|tez|już|juz|przy|dla|na|w|z|ze|za|bo|potem|czemu|kto|czym|jeszcze|oraz|więc|wiec|proszę|prosze|dzięki|dzieki)\b/i;
// Global, for match() to list every one; match() starts it from the beginning each time.
const ENGLISH_WORDS =
  /\b(how|what|why|where|when|can|do|does|is|my|the|i|to|of|help|please|hello|hi|password|mail|ticket|tickets|person|yes|no)\b/gi;

/**
 * A guess at the language of one message (a chat turn, a mail), or null when it says too little ("E-mail", a name,
 * a code). English needs two of its common words, so one borrowed word never switches language.
 */
export function detectLocale(text: string): Locale | null {
  if (POLISH_LETTERS.test(text) || POLISH_WORDS.test(text)) return 'pl';
  const english = new Set(text.toLowerCase().match(ENGLISH_WORDS) ?? []);
  return english.size >= 2 ? 'en' : null;
}
