/**
 * Contact details as the chat and the logs may show them: enough for a person to recognise their
 * own address, too little to learn someone else's. Logs never hold a full e-mail address or phone
 * number; they hold these.
 */

/** 'jan.kowalski@contoso.pl' -> 'j***@contoso.pl'; anything that is not an address -> '***'. */
export function maskEmail(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (at < 1 || !domain || /\s/.test(trimmed)) return '***';
  return `${trimmed.charAt(0).toLowerCase()}***@${domain}`;
}

/**
 * '+48 601 234 123', '+48601234123', '0048 601-234-123' -> '+48 *** *** *23'; '601 234 123' ->
 * '*** *** *23'. Two digits only: with three, the few numbers of one organisation's
 * administrators were often told apart by the mask alone. The stars are fixed so the mask does
 * not tell the number's length either.
 */
export function maskPhone(phone: string): string {
  const { countryCode, national } = splitPhone(phone);
  if (national.length < 6) return '***';
  const masked = `*** *** *${national.slice(-2)}`;
  return countryCode ? `+${countryCode} ${masked}` : masked;
}

/**
 * Country codes by the ITU plan: +1 and +7 are one digit, these are two, every other is three.
 * (So '+48601234123' splits as +48 and '+12025550143' as +1 without any separator to help.)
 */
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 ' +
    '60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

function splitPhone(phone: string): { countryCode: string; national: string } {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) return splitPhone(`+${trimmed.slice(2)}`);
  if (!trimmed.startsWith('+')) return { countryCode: '', national: digits };
  const length = digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return { countryCode: digits.slice(0, length), national: digits.slice(length) };
}
