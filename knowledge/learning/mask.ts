/**
 * What a recorded question keeps of the customer: e-mail addresses, phone numbers and any other
 * digits are masked before anything is stored ("jan@firma.pl" -> "[e-mail]", "+48 601 234 567"
 * -> "[telefon]", "zgłoszenie 4711" -> "zgłoszenie #").
 */
const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/gu;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const DIGITS = /\d+/g;

export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(PHONE, '[telefon]').replace(DIGITS, '#').trim();
}
