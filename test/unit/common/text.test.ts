import removeDiacritics from 'natural/lib/natural/normalizers/remove_diacritics';
import { fold, foldPhrase } from '../../../common/text';

describe('fold', () => {
  it('removes every Polish diacritic, including ł and Ł, which Unicode does not decompose', () => {
    expect(fold('ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż')).toBe('acelnoszz acelnoszz');
    expect(fold('Łódź')).toBe('lodz');
  });

  it('lowercases and keeps everything else', () => {
    expect(fold('Skype CONNECT, 2 FA!')).toBe('skype connect, 2 fa!');
  });

  it('folds a name typed in decomposed form (o + combining acute) like the composed one', () => {
    expect(fold('Ło\u0301dz\u0301')).toBe(fold('Łódź'));
  });

  it("folds the Latin letters as natural's removeDiacritics did, so organisation names stored before keep their keys", () => {
    const differ: string[] = [];
    for (let code = 0xc0; code <= 0x17f; code++) {
      const letter = String.fromCodePoint(code);
      if (fold(letter) !== removeDiacritics(letter).toLowerCase()) differ.push(letter);
    }
    expect(differ).toEqual(['ß', 'ſ']); // natural writes them 's' and 'l'; German writes 'ss' and 's'
  });
});

describe('foldPhrase', () => {
  it('trims and makes every run of white space one space', () => {
    expect(foldPhrase('  Łódź \t Sp.  z o.o.\n')).toBe('lodz sp. z o.o.');
  });
});
