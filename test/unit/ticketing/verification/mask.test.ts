import { maskEmail, maskPhone } from '../../../../ticketing/verification/mask';

describe('maskEmail', () => {
  it.each([
    ['jan.kowalski@contoso.pl', 'j***@contoso.pl'],
    ['  Jan.Kowalski@Contoso.PL ', 'j***@contoso.pl'],
    ['a@b.pl', 'a***@b.pl'],
    ['"odd@local"@example.com', '"***@example.com'],
  ])('%s -> %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it.each(['', 'no-at-sign', '@contoso.pl', 'jan@', 'jan kowalski@contoso.pl'])('shows nothing of a non-address %p', (text) => {
    expect(maskEmail(text)).toBe('***');
  });

  it('never shows more of the local part than its first letter', () => {
    expect(maskEmail('secretive.person@contoso.pl')).not.toMatch(/ecretive|person/);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+48 601 234 123', '+48 *** *** *23'],
    ['+48601234123', '+48 *** *** *23'],
    ['0048 601-234-123', '+48 *** *** *23'],
    ['+48 (601) 234-123', '+48 *** *** *23'],
    ['+1 202 555 0143', '+1 *** *** *43'],
    ['+12025550143', '+1 *** *** *43'],
    ['+420 601 234 567', '+420 *** *** *67'],
    ['601 234 123', '*** *** *23'],
    ['601-234-123', '*** *** *23'],
  ])('%s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each(['', '12345', 'call me', '+48'])('shows nothing of a non-number %p', (text) => {
    expect(maskPhone(text)).toBe('***');
  });

  it('hides the length and grouping of the number', () => {
    expect(maskPhone('+48 22 123 45 67')).toBe('+48 *** *** *67');
    expect(maskPhone('+44 20 7946 0958')).toBe('+44 *** *** *58');
  });
});
