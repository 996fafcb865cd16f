import { isEmailAddress, isPhoneNumber } from '../../../ticketing/domain/contact';

// One rule for the REST API, the bot's prompts and the ticket: what one accepts, all accept.
test.each(['jan@contoso.pl', 'j.kowalski+desk@dział.contoso.com.pl', 'a@b.c'])('%s is an e-mail address', (text) => {
  expect(isEmailAddress(text)).toBe(true);
});

test.each(['', 'jan', 'jan@contoso', '@contoso.pl', 'jan kowalski@contoso.pl', 'jan@@contoso.pl', ' jan@contoso.pl'])(
  '%j is not an e-mail address',
  (text) => {
    expect(isEmailAddress(text)).toBe(false);
  },
);

test.each(['+48 600 100 200', '600100200', '(22) 555-01-02', '123456'])('%s is a phone number', (text) => {
  expect(isPhoneNumber(text)).toBe(true);
});

test.each(['', '12345', '+48 600 100 200 300 400 5', 'zadzwoń', '+48\t600 100 200', '600.100.200', '++48 600 100 200'])(
  '%j is not a phone number',
  (text) => {
    expect(isPhoneNumber(text)).toBe(false);
  },
);
