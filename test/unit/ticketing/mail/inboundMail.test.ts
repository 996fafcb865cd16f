import { readMail, newText } from '../../../../ticketing/mail/inboundMail';
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
