import { emailAddressIn, isEmailAddress, isPhoneNumber, phoneNumberIn } from '../../../ticketing/domain/contact';

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

// What a person types at the chat's prompts: the one address or number in it, which the rule above accepts.
test.each([
  ['jan.kowalski@contoso.pl', 'jan.kowalski@contoso.pl'],
  ['mój mail to jan.kowalski@contoso.pl.', 'jan.kowalski@contoso.pl'],
  ['<jan.kowalski@contoso.pl>', 'jan.kowalski@contoso.pl'],
  ['mailto:jan.kowalski@contoso.pl', 'jan.kowalski@contoso.pl'],
  ['„Jan.Kowalski@contoso.pl”', 'Jan.Kowalski@contoso.pl'],
  ["'jan@contoso.pl', to ten sam co JAN@contoso.pl", 'jan@contoso.pl'],
])('%j gives the address %s', (text, address) => {
  expect(emailAddressIn(text)).toBe(address);
  expect(isEmailAddress(address)).toBe(true);
});

test.each(['nie pamiętam', 'jan.kowalski@contoso', 'jan@contoso.pl albo anna@contoso.pl', 'ten sam co w profilu'])(
  '%j gives no address',
  (text) => {
    expect(emailAddressIn(text)).toBeUndefined();
  },
);

test.each([
  ['+48 600 700 800', '+48 600 700 800'],
  ['mój numer to 600-700-800', '600-700-800'],
  ['tel. 600 700 800 (komórka)', '600 700 800'],
  ['0048.600.700.800', '0048 600 700 800'],
  ['+48 (600) 700-800, dzwońcie po 9', '+48 (600) 700-800'],
])('%j gives the number %s', (text, number) => {
  expect(phoneNumberIn(text)).toBe(number);
  expect(isPhoneNumber(number)).toBe(true);
});

test.each(['600 700', 'zadzwońcie w czwartek 3.12', '600 700 800 albo 22 555 01 02', 'ten sam co wcześniej'])(
  '%j gives no number',
  (text) => {
    expect(phoneNumberIn(text)).toBeUndefined();
  },
);
