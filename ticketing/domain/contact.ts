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
