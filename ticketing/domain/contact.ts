/**
 * What the desk accepts as an e-mail address and as a phone number, wherever one is typed: the
 * REST API, the bot's prompts and the ticket itself. Deliberately loose (the address is proven by
 * delivering to it, not by its shape), but never blank, spaced or without a domain.
 */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An optional '+', then 6-20 digits, spaces, brackets or dashes: '+48 600 100 200', '(22) 555-01-02'. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL_PATTERN.test(text);
}

export function isPhoneNumber(text: string): boolean {
  return PHONE_PATTERN.test(text);
}
