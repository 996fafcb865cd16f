/**
 * What the desk accepts as an e-mail address and as a phone number, wherever one is typed: the
 * REST API, the bot's prompts and the ticket itself. Deliberately loose (the address is proven by
 * delivering to it, not by its shape), but never blank, spaced or without a domain.
 */
// Dots only between the domain's labels, so each character has one place in the match: the
// looser /^[^\s@]+@[^\s@]+\.[^\s@]+$/ retried every dot against every other on "a@....@".
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** The longest address SMTP carries (RFC 5321); longer text is no e-mail address. */
export const MAX_EMAIL_LENGTH = 254;

/** An optional '+', then 6-20 digits, spaces, brackets or dashes: '+48 600 100 200', '(22) 555-01-02'. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(text);
}

export function isPhoneNumber(text: string): boolean {
  return PHONE_PATTERN.test(text);
}

/** What may surround an address in a sentence: "<jan@contoso.pl>", "mailto:jan@…", "(jan@…)". */
const EMAIL_IN_TEXT = /[^\s<>()[\]{},;:"`„”«»]+@[^\s<>()[\]{},;:"`„”«»]+/g;
/** A run of digits with the separators people type between them: "+48 (600) 700-800", "0048.600.700.800". */
const PHONE_IN_TEXT = /\+?\d[\d ().-]*\d/g;
/** A number typed in the chat has at least as many digits as a Polish one (9): fewer is cut short, or a date, a count, a code. */
const MIN_PHONE_DIGITS_IN_TEXT = 9;
const MAX_PHONE_DIGITS = 15;

/**
 * The one e-mail address a message gives, however it is typed: alone, in a sentence ("mój mail to
 * jan@contoso.pl."), in brackets or after "mailto:". Undefined for none, or for two different ones.
 */
export function emailAddressIn(text: string): string | undefined {
  const found = new Map<string, string>();
  for (const [candidate] of text.matchAll(EMAIL_IN_TEXT)) {
    const address = candidate.replace(/^['‘’]+/, '').replace(/['‘’.!?]+$/, '');
    // The same address in other cases is one address, as first written.
    if (isEmailAddress(address) && !found.has(address.toLowerCase())) found.set(address.toLowerCase(), address);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * The one phone number a message gives, alone or in a sentence ("mój numer to 600-700-800", "tel.
 * 600 700 800 (komórka)"), with dots as spaces. Undefined for none, for two different ones, and
 * for fewer than 9 digits ("600 700" is a number cut short).
 */
export function phoneNumberIn(text: string): string | undefined {
  const found = new Map<string, string>();
  for (const [candidate] of text.matchAll(PHONE_IN_TEXT)) {
    const digits = candidate.replace(/\D/g, '');
    const number = candidate.replace(/\./g, ' ').replace(/\s+/g, ' ');
    if (digits.length >= MIN_PHONE_DIGITS_IN_TEXT && digits.length <= MAX_PHONE_DIGITS && isPhoneNumber(number)) found.set(digits, number);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}
