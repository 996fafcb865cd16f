/**
 * What the writer of a mail newly typed: its text without the history it quotes, the signature,
 * the mobile footer and the legal disclaimer (docs/mail.md). Losing the customer's words is worse
 * than keeping a quote, so a line is cut only when it is recognisably one of those. Every check
 * looks at a line and a few around it, so a mail of any size is read in one pass.
 */

/** The end of the line where Gmail, Apple Mail, Thunderbird, iOS and Polish webmails start a quote. */
const INTRO_END = /(wrote|napisał\(a\)|napisał|napisała|napisał\/a|pisze|napisano):$/i;
/** Outlook's and Thunderbird's separators above an unprefixed copy of the mail answered. */
const SEPARATOR = /^(-{2,}\s*(Original Message|Oryginalna wiadomość|Wiadomość oryginalna)\s*-{2,}|_{10,})$/i;
/** The separators of a forward: what follows is the mail passed on, part of what the writer sends. */
const FORWARD = /^-{2,}\s*(Forwarded message|Wiadomość przekazana dalej|Przekazana wiadomość|Treść przekazanej wiadomości)\s*-{2,}$/i;
/** Outlook's header block over the mail answered ("Od: …" then "Wysłane: …", "Do: …", "Temat: …"). */
const HEADER_FROM = /^(From|Od|Nadawca):\s*\S/i;
const HEADER_NEXT = /^(Sent|Date|To|Cc|Subject|Wysłane|Wysłano|Data|Do|DW|Temat):\s*\S/i;

/** Where a signature begins: the delimiter, and the words people sign off with. */
const DELIMITER = /^(--|—|__)$/;
const SIGN_OFF =
  /^(z poważaniem|z wyrazami szacunku|pozdrawiam( serdecznie)?|serdecznie pozdrawiam|pozdrowienia|dziękuję(,)? pozdrawiam|dzięki(,)? pozdrawiam|z góry dziękuję( za pomoc)?|dziękuję za pomoc|(best|kind|warm)( regards)?|regards|best wishes|cheers|thanks( and regards| in advance)?|many thanks|thank you( in advance)?)[,.!]?$/i;
/** Lines a mobile client or a webmail appends on its own. */
const FOOTER = /^((Sent|Wysłane|Wysłano) (from|z|ze|przy użyciu) .{2,80}|(Get|Pobierz) (Outlook|aplikację Outlook) .{0,60})$/i;
/** The first line of a legal disclaimer: everything from it on is boilerplate. */
const DISCLAIMER =
  /^(ta wiadomość( e-mail| email)? (i (jej )?załączniki )?(może zawierać|zawiera|jest przeznaczona|stanowi)|treść tej wiadomości|informacje zawarte w tej wiadomości|klauzula poufności|niniejsza wiadomość|administratorem (pani|pana|twoich )?danych osobowych|this (e-?mail|message|communication)( and any attachments?)? (is|may contain|contains|are|is intended)|confidentiality notice|disclaimer:|the information (contained )?in this (e-?mail|message))/i;
/** A person's name on a line of its own: "Piotr Kamiński", "Anna Maria Nowak-Kowalska". */
const NAME = /^\p{Lu}[\p{L}'-]+( \p{Lu}[\p{L}'-]+){0,3}$/u;
/** What a signature's lines hold besides names and titles: phones, addresses, links, company ids. */
const CONTACT =
  /(\+?\d[\d ()-]{6,}\d|@|https?:\/\/|www\.|\bul\.|\btel\b|\bmob\b|\bNIP\b|\bKRS\b|\bREGON\b|\bsp\.\s?(z o\.o\.|[jkpc]\.)|\bS\.A\.|\b(Ltd|Inc|GmbH|LLC|plc)\b)/i;
/** The writer saying their answers are inside the quoted mail (Outlook copies it without ">"). */
const ANSWERED_INSIDE =
  /((odpowiedzi|odpowiedź|komentarze|uwagi|odpowiadam)(\s+\S+){0,5}\s+(poniżej|niżej|w treści)|(answers?|comments?|replies|responses?|notes)(\s+\S+){0,3}\s+(inline|below)|see (my )?(answers |comments )?(inline|below))/i;
/** Longer lines are never a quote's intro or a signature's line. */
const LONGEST_INTRO = 400;
const LONGEST_SIGNATURE_LINE = 200;
/** A signature has at most this many lines; more is a message. */
const SIGNATURE_LINES = 12;

/** The new part of a mail; `forwarded` keeps a forward's copy of the mail it passes on. */
export function newText(text: string, options: { forwarded?: boolean } = {}): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  const plain = lines.map((line) => unbolded(line.trim()));
  const quoteAt = quoteStarts(plain);
  const kept: string[] = [];
  // After a quote intro whose copy is prefixed with ">", the writer may answer between its lines.
  let interleaved = false;
  for (let i = 0; i < lines.length; i++) {
    const line = plain[i]!;
    if (line.startsWith('>')) continue;
    if (quoteAt[i] === i) {
      const span = introSpan(plain, i);
      // A forward's headers and the mail it passes on are what the writer sends.
      if (span === 0 && options.forwarded) {
        kept.push(lines[i]!);
        continue;
      }
      if (span === 0 || interleaved || !prefixedAfter(plain, i + span)) {
        // "Odpowiedzi wpisałam poniżej, w treści": the answers are inside the copy, which stays whole.
        if (ANSWERED_INSIDE.test(kept.join('\n'))) kept.push(...lines.slice(i));
        break;
      }
      interleaved = true;
      i += span - 1;
      continue;
    }
    if (DISCLAIMER.test(line)) break;
    if (FOOTER.test(line)) continue;
    if (DELIMITER.test(line) && signatureFrom(plain, i + 1, quoteAt)) {
      i = quoteAt[i]! - 1;
      continue;
    }
    if (isSignOff(line)) {
      kept.push(lines[i]!);
      // The name under the sign-off stays (who wrote it); titles, phones and addresses under it go.
      const name = nextFilled(plain, i + 1);
      if (name !== -1 && name < quoteAt[i]! && isShort(plain[name]!, 5) && !CONTACT.test(plain[name]!) && !FOOTER.test(plain[name]!)) {
        // "Paweł Jankowski | IT Manager": the name without the title beside it.
        kept.push(plain[name]!.split(' | ')[0]!);
        i = name;
      }
      if (signatureFrom(plain, i + 1, quoteAt)) i = quoteAt[i]! - 1;
      continue;
    }
    kept.push(lines[i]!);
  }
  const result = withoutClosingSignature(kept)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A mail that is nothing but a quote keeps its text: losing the whole mail is worse than a quote.
  return result || text.trim();
}

/**
 * For each line, the first line at or after it where quoted history starts (a quote intro, a
 * separator, a header block, a forward's separator, a ">" line), or the number of lines:
 * computed from the end in one pass.
 */
function quoteStarts(plain: string[]): number[] {
  const starts = new Array<number>(plain.length + 1);
  starts[plain.length] = plain.length;
  for (let i = plain.length - 1; i >= 0; i--) {
    const line = plain[i]!;
    const quoted =
      line.startsWith('>') || introSpan(plain, i) > 0 || FORWARD.test(line) || (HEADER_FROM.test(line) && headerBlockAt(plain, i));
    starts[i] = quoted ? i : starts[i + 1]!;
  }
  return starts;
}

/** How many lines the quote intro at `i` spans: 1, 2 when the client wrapped it, 0 when none starts there. */
function introSpan(plain: string[], i: number): number {
  const one = plain[i]!;
  if (!one || one.length > LONGEST_INTRO) return 0;
  if (SEPARATOR.test(one) || isIntro(one)) return 1;
  const next = plain[i + 1];
  return next && !one.endsWith(':') && isIntro(`${one} ${next}`) ? 2 : 0;
}

/** "On Fri, 4 Dec 2026 at 09:12, Anna <a@b> wrote:", "pt., 4 gru 2026 o 09:12 Anna <a@b> napisał(a):", Apple's Polish intro. */
function isIntro(line: string): boolean {
  if (line.length > LONGEST_INTRO || !line.endsWith(':')) return false;
  if (/^Wiadomość napisana przez /i.test(line)) return line.includes(' w dniu ');
  return INTRO_END.test(line) && (/^On /i.test(line) || /[\d@]/.test(line));
}

/** "*Od:* Anna": the asterisks of bold text turned plain by the client. */
function unbolded(line: string): string {
  return line.replace(/^\*([^*]{1,20}:)\*/, '$1').replace(/^\*([^*]*)\*$/, '$1');
}

/** Whether the quote that starts at `from` is a copy with every line prefixed by ">". */
function prefixedAfter(plain: string[], from: number): boolean {
  const first = nextFilled(plain, from);
  return first !== -1 && plain[first]!.startsWith('>');
}

/** Whether "Od: …" at `i` is followed by more of a mail's headers: a header block, not a sentence. */
function headerBlockAt(plain: string[], i: number): boolean {
  for (let j = i + 1; j <= i + 4 && j < plain.length; j++) if (HEADER_NEXT.test(plain[j]!)) return true;
  return false;
}

/** The index of the next line with text from `from`, or -1; looks a few lines ahead at most. */
function nextFilled(plain: string[], from: number): number {
  for (let j = from; j < plain.length && j < from + 4; j++) if (plain[j]) return j;
  return -1;
}

/** "Pozdrawiam / Z poważaniem": a sign-off in two forms or languages on one line counts too. */
function isSignOff(line: string): boolean {
  return line.length <= 60 && line.split(/\s*[/|]\s*/).every((part) => SIGN_OFF.test(part));
}

/**
 * Whether the lines from `from` to the quoted history read as a signature: a few short lines of
 * names, titles and contact details, or a disclaimer; never a sentence, which is what the writer
 * added after signing ("PS. the error is back").
 */
function signatureFrom(plain: string[], from: number, quoteAt: number[]): boolean {
  const end = quoteAt[Math.min(from, plain.length)]!;
  let filled = 0;
  for (let j = from; j < end; j++) {
    const line = plain[j]!;
    if (!line) continue;
    if (DISCLAIMER.test(line)) return true;
    if (++filled > SIGNATURE_LINES) return false;
    if (!FOOTER.test(line) && !isSignatureLine(line)) return false;
  }
  return filled > 0;
}

/**
 * A mail signed without a sign-off ("…please check.\n\nPiotr Kamiński\nTRANS-KAM\ntel. 698 450 112"):
 * a last paragraph of short lines with contact details keeps its first line, the name.
 */
function withoutClosingSignature(kept: string[]): string[] {
  let end = kept.length;
  while (end > 0 && !kept[end - 1]!.trim()) end--;
  let start = end;
  while (start > 0 && end - start <= SIGNATURE_LINES && kept[start - 1]!.trim()) start--;
  // The whole mail, or a paragraph longer than any signature: nothing to cut.
  if (start === 0 || kept[start - 1]!.trim()) return kept;
  const [name = '', ...signature] = kept.slice(start, end).map((line) => line.trim());
  if (signature.length === 0 || !NAME.test(name) || !signature.every(isSignatureLine)) return kept;
  // Contact details, or a full name over a title or two ("Natalia Sadowska / Dział Informatyki");
  // "Ewa / Dzięki wielkie" is a message.
  const titled = name.includes(' ') && signature.length <= 3;
  return signature.some((line) => CONTACT.test(line)) || titled ? kept.slice(0, start + 1) : kept;
}

/**
 * A line a signature holds: a title, a company, an address, a phone, a link; never a sentence
 * (a long word ending in a full stop) nor a P.S., and few words unless they are contact details.
 */
function isSignatureLine(line: string): boolean {
  if (line.length > LONGEST_SIGNATURE_LINE || /^p\.?\s?s\b/i.test(line) || /\p{Ll}{4,}[.?!]$/u.test(line)) return false;
  const words = line.match(/\p{L}{3,}/gu)?.length ?? 0;
  return words <= (CONTACT.test(line) ? 8 : 6);
}

/** A line of at most `words` words that does not end a sentence: a name, a title, a company. */
function isShort(line: string, words: number): boolean {
  return line.split(/\s+/).length <= words && !/[.?!]$/.test(line) && !/^p\.?\s?s\b/i.test(line);
}
