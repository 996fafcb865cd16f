import { withoutOwnedEdition } from '../../../knowledge/search/ownedEdition';

describe('withoutOwnedEdition', () => {
  it('leaves out the home edition a customer says they have', () => {
    expect(withoutOwnedEdition('mam Office 365 Personal, ale nie mam konta Skype')).toBe('mam Office 365, ale nie mam konta Skype');
    expect(withoutOwnedEdition('wnuczka kupiła mi Office Home')).toBe('wnuczka kupiła mi Office');
    expect(withoutOwnedEdition('tata ma Office 365 dla Uzytkownikow Domowych')).toBe('tata ma Office 365');
    expect(withoutOwnedEdition('my dad has Office 365 Family')).toBe('my dad has Office 365');
  });

  it('keeps an edition asked about, and a business plan a customer has (a premise some entries contradict)', () => {
    expect(withoutOwnedEdition('czy Office 365 Personal daje minuty Skype?')).toBe('czy Office 365 Personal daje minuty Skype?');
    expect(withoutOwnedEdition('mamy Office 365 Business Basic')).toBe('mamy Office 365 Business Basic');
    expect(withoutOwnedEdition('mamusia Office 365 Home')).toBe('mamusia Office 365 Home');
  });
});
