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
  return `${trimmed[0].toLowerCase()}***@${domain}`;
}

/**
 * '+48 601 234 123', '+48601234123', '0048 601-234-123' -> '+48 *** *** 123'; '601 234 123' ->
 * '*** *** 123'. The stars are fixed so the mask does not tell the number's length either.
 */
export function maskPhone(phone: string): string {
  const { countryCode, national } = splitPhone(phone);
  if (national.length < 6) return '***';
  const masked = `*** *** ${national.slice(-3)}`;
  return countryCode ? `+${countryCode} ${masked}` : masked;
}

/** National numbers are at most 9-10 digits in most plans; what comes before is the country code. */
const NATIONAL_DIGITS = 9;

function splitPhone(phone: string): { countryCode: string; national: string } {
  const trimmed = phone.trim();
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const body = trimmed.startsWith('00') ? trimmed.slice(2) : trimmed.replace(/^\+/, '');
  const digits = body.replace(/\D/g, '');
  if (!international) return { countryCode: '', national: digits };
  // A written separator after the first group names the country code ('+48 601...', '+1-202...').
  const firstGroup = /^\s*\(?(\d{1,3})\)?[\s.-]/.exec(body);
  const ccLength = firstGroup ? firstGroup[1].length : Math.min(3, Math.max(1, digits.length - NATIONAL_DIGITS));
  return { countryCode: digits.slice(0, ccLength), national: digits.slice(ccLength) };
}
