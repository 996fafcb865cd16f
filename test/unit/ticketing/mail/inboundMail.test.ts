import { readMail } from '../../../../ticketing/mail/inboundMail';
import { newText } from '../../../../ticketing/mail/newText';
import { suggestCategory } from '../../../../ticketing/domain/grading/categorySuggester';

const mail = (headers: string, body: string) => Buffer.from(`${headers}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${body}\r\n`);

describe('reading a mail', () => {
  it('turns an HTML-only mail into text without markup or scripts', async () => {
    const read = await readMail(
      mail(
        'From: Anna <Anna.Kowalska@contoso.pl>\r\nSubject: Pomoc\r\nMessage-ID: <a@contoso.pl>',
        '<p>Outlook <b>nie</b> działa</p><script>alert(1)</script><p>Proszę o pomoc</p>',
      ),
    );
    expect(read.from).toEqual({ address: 'anna.kowalska@contoso.pl', name: 'Anna' });
    expect(read.text).toMatch(/Outlook nie działa\s+Proszę o pomoc/);
    expect(read.text).not.toMatch(/<|alert/);
  });

  it("names the header that makes a mail automatic, and nothing for a person's mail", async () => {
    const base = 'From: a@contoso.pl\r\nSubject: x\r\nMessage-ID: <b@contoso.pl>';
    expect((await readMail(mail(base, 'hi'))).automatic).toBeNull();
    expect((await readMail(mail(`${base}\r\nAuto-Submitted: no`, 'hi'))).automatic).toBeNull();
    expect((await readMail(mail(`${base}\r\nAuto-Submitted: auto-replied`, 'hi'))).automatic).toMatch(/Auto-Submitted/);
    expect((await readMail(mail(`${base}\r\nPrecedence: junk`, 'hi'))).automatic).toMatch(/Precedence/);
    expect((await readMail(mail(`Return-Path: <>\r\n${base}`, 'hi'))).automatic).toMatch(/bounce/);
  });

  it('keeps In-Reply-To first, then References from the latest', async () => {
    const read = await readMail(mail('From: a@contoso.pl\r\nSubject: x\r\nIn-Reply-To: <3@d>\r\nReferences: <1@d> <2@d> <3@d>', 'hi'));
    expect(read.replyTo).toEqual(['<3@d>', '<2@d>', '<1@d>']);
  });
});

describe('the new text of a reply', () => {
  it('cuts the quoted history of Polish and English clients and the signature', () => {
    expect(newText('Dziękuję, działa.\n\nW dniu 1.12.2026 o 10:00 Support Desk <support@desk.pl> napisał:\n> Proszę sprawdzić')).toBe(
      'Dziękuję, działa.',
    );
    expect(newText('Still broken.\n\nOn Tue, 1 Dec 2026 at 10:00, Support <s@d.pl> wrote:\n> Try again')).toBe('Still broken.');
    expect(newText('Nadal nie działa.\n-----Original Message-----\nFrom: Support')).toBe('Nadal nie działa.');
    expect(newText('Nadal nie działa.\n-- \nJan Nowak\nFabrikam')).toBe('Nadal nie działa.');
    expect(newText("Krótko\n\nWysłane z iPhone'a")).toBe('Krótko');
  });

  it('recognises the quote intros of Gmail in Polish (also wrapped), Apple Mail in Polish and Outlook header blocks', () => {
    expect(newText('Nadal to samo.\n\npt., 4 gru 2026 o 09:12 Pomoc <pomoc@desk.pl> napisał(a):\n> Prosimy o kod błędu.')).toBe(
      'Nadal to samo.',
    );
    expect(newText('Still broken.\n\nOn Fri, Dec 4, 2026 at 9:12\u202fAM Desk Support <\nsupport@desk.pl> wrote:\n> Try again')).toBe(
      'Still broken.',
    );
    expect(newText('Działa.\n\nWiadomość napisana przez Pomoc <pomoc@desk.pl> w dniu 04.12.2026, o godz. 09:12:\n> Sprawdź')).toBe(
      'Działa.',
    );
    // Outlook copies the mail answered without ">" under a header block, in Polish or English.
    expect(
      newText(
        'Błąd nadal jest.\n\nOd: Pomoc <pomoc@desk.pl>\nWysłane: piątek, 4 grudnia 2026 09:12\nDo: Jan\nTemat: RE: [SR-2026-000001]\n\nProsimy o zrzut.',
      ),
    ).toBe('Błąd nadal jest.');
    expect(newText('Done.\n________________________________\nFrom: Support <s@d.pl>\nSent: Friday\nSubject: x\n\nPlease check')).toBe(
      'Done.',
    );
  });

  it("keeps the writer's own lines that look like headers or separators", () => {
    const text = 'Od 9:00 nie działa poczta.\nFrom what I can see, only external mail.\n--\nDodatkowo: drukarka też.\n--\nProszę o pomoc.';
    expect(newText(text)).toBe(text);
  });

  it('keeps what the writer answered between the quoted lines', () => {
    const text = 'W dniu 04.12.2026 o 09:12, Pomoc pisze:\n> Czy błąd jest u wszystkich?\nTak, u wszystkich.\n> Od kiedy?\nOd rana.';
    expect(newText(text)).toBe('Tak, u wszystkich.\nOd rana.');
  });

  it('cuts the signature under a sign-off but keeps the name, and keeps a P.S. written after it', () => {
    const signed =
      'Proszę o pomoc.\n\nPozdrawiam / Z poważaniem\nKatarzyna Wiśniewska\nKierownik Działu IT\nPolmet S.A.\ntel. +48 32 231 55 10';
    expect(newText(signed)).toBe('Proszę o pomoc.\n\nPozdrawiam / Z poważaniem\nKatarzyna Wiśniewska');
    const ps = 'Proszę o pomoc.\n\nPozdrawiam\nKasia\n\nPS. Błąd pojawia się też na telefonie.';
    expect(newText(ps)).toBe(ps);
  });

  it('cuts a closing signature without a sign-off, mobile footers and legal disclaimers', () => {
    expect(newText('Proszę sprawdzić to konto.\n\nPiotr Kamiński\nTRANS-KAM\ntel. 698 450 112')).toBe(
      'Proszę sprawdzić to konto.\n\nPiotr Kamiński',
    );
    // A phone number the writer gives under a sentence of theirs is theirs.
    expect(newText('Proszę o kontakt:\n\nproszę dzwonić\ntel. 698 450 112')).toBe('Proszę o kontakt:\n\nproszę dzwonić\ntel. 698 450 112');
    expect(newText('Thanks!\n\nGet Outlook for iOS')).toBe('Thanks!');
    expect(newText('Dziękuję.\n\nTa wiadomość może zawierać informacje poufne. Jeśli nie jest Pan adresatem…')).toBe('Dziękuję.');
  });

  it('keeps the quoted mail whole when the writer answered inside it', () => {
    const text =
      'Odpowiedzi wpisałam poniżej, w treści (oznaczone [ED]).\n\nOd: Pomoc <pomoc@desk.pl>\nWysłane: poniedziałek\nTemat: Pytania\n\n1. Czy to u wszystkich?\n[ED] Tak, u wszystkich.';
    expect(newText(text)).toBe(text);
  });

  it('keeps a paragraph after a separator even when it names an address, and cuts a signature without contact details', () => {
    const text =
      'Licencje: potwierdzam.\n\n--\n\nSkrzynki: lista jest w załączniku, skrzynkę biuro@contoso.pl proszę pominąć, bo będzie usunięta.';
    expect(newText(text)).toBe(text);
    expect(newText('Potwierdzam blokadę.\n\nNatalia Sadowska\nDział Informatyki\nSzpital Powiatowy')).toBe(
      'Potwierdzam blokadę.\n\nNatalia Sadowska',
    );
    expect(newText('Działa.\n\nEwa\nDzięki wielkie')).toBe('Działa.\n\nEwa\nDzięki wielkie');
  });

  it('keeps the mail a forward passes on', () => {
    const text =
      'Przesyłam zgłoszenie użytkowniczki.\n\nOd: Ewa <ewa@contoso.pl>\nWysłano: środa\nTemat: Kontakty\n\nKontakty wracają po usunięciu.';
    expect(newText(text, { forwarded: true })).toBe(text);
    expect(newText(text)).toBe('Przesyłam zgłoszenie użytkowniczki.');
  });

  it('keeps a mail that is nothing but a quote rather than losing it', () => {
    expect(newText('> only a quote')).toBe('> only a quote');
  });
});

describe('the category a mail suggests', () => {
  it('is billing or pre-sales when the words say so, else technical', () => {
    expect(suggestCategory('Faktura za licencje ma błędną kwotę')).toBe('billing');
    expect(suggestCategory('Prosimy o ofertę na 50 licencji przed zakupem')).toBe('presales');
    expect(suggestCategory('Teams nie uruchamia się po aktualizacji')).toBe('technical');
  });
});
