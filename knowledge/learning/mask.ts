/**
 * What a recorded question keeps of the customer: e-mail addresses, phone numbers and any other
 * digits are masked before anything is stored ("jan@firma.pl" -> "[e-mail]", "+48 601 234 567"
 * -> "[telefon]", "zgłoszenie 4711" -> "zgłoszenie #").
 */
const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/gu;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const DIGITS = /\d+/g;
/** The longest address SMTP carries (RFC 5321): a longer word holds no e-mail address. */
const MAX_EMAIL_LENGTH = 254;

export function maskPersonalData(text: string): string {
  return maskEmails(text).replace(PHONE, '[telefon]').replace(DIGITS, '#').trim();
}

/**
 * EMAIL tried on the whole text retries every start of a long run of letters (quadratic: 8 s on
 * 20,000 letters), so it runs only inside words that have an '@' and could be an address.
 */
function maskEmails(text: string): string {
  return text.replace(/\S+/g, (word) => (word.length <= MAX_EMAIL_LENGTH && word.includes('@') ? word.replace(EMAIL, '[e-mail]') : word));
}
