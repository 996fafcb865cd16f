/**
 * What a file is, judged by its bytes alone: the name and the type a client declares are what an
 * attacker picks, so neither is read here. Only the kinds on the allow-list are accepted; an
 * archive is looked into only by its directory of names (never unpacked, so a zip bomb costs
 * nothing), and text that a browser would run (HTML, SVG, XML) is refused.
 */

export interface FileKind {
  /** The Content-Type it is served with. */
  type: string;
  /** Extensions a download of this kind may keep; the first is given to a name with none of them. */
  extensions: readonly string[];
}

export type ContentVerdict = ({ accepted: true } & FileKind) | { accepted: false; reason: string };

/** What the desk accepts, in words for the customer. */
export const ACCEPTED_KINDS =
  'images (PNG, JPEG, GIF, WebP), PDF, Word, Excel and PowerPoint documents (.docx, .xlsx, .pptx), plain text and logs, e-mails (.eml)';

const KINDS = {
  png: { type: 'image/png', extensions: ['png'] },
  jpeg: { type: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { type: 'image/gif', extensions: ['gif'] },
  webp: { type: 'image/webp', extensions: ['webp'] },
  pdf: { type: 'application/pdf', extensions: ['pdf'] },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  eml: { type: 'message/rfc822', extensions: ['eml'] },
  text: { type: 'text/plain; charset=utf-8', extensions: ['txt', 'log', 'csv', 'json', 'md', 'ini', 'conf', 'cfg', 'yaml', 'yml', 'tsv'] },
} as const satisfies Record<string, FileKind>;

const starts = (data: Buffer, ...bytes: number[]) => bytes.every((b, i) => data[i] === b);
const ascii = (data: Buffer, at: number, text: string) => data.subarray(at, at + text.length).toString('latin1') === text;

/** Programs and containers of programs, by their magic bytes: named in the refusal. */
const EXECUTABLES: { name: string; test: (d: Buffer) => boolean }[] = [
  { name: 'a Windows program (MZ/PE)', test: (d) => ascii(d, 0, 'MZ') },
  { name: 'a Linux program (ELF)', test: (d) => starts(d, 0x7f, 0x45, 0x4c, 0x46) },
  {
    name: 'a macOS program (Mach-O)',
    test: (d) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((magic) => starts(d, ...magic)),
  },
  { name: 'a script (#!)', test: (d) => ascii(d, 0, '#!') },
  {
    name: 'an old Office or installer file (.doc, .xls, .msi: they can carry macros; send .docx, .xlsx or PDF)',
    test: (d) => starts(d, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
  },
  {
    name: 'an archive (7z, RAR, gzip, tar, cab)',
    test: (d) => ascii(d, 0, '7z\xbc\xaf') || ascii(d, 0, 'Rar!') || starts(d, 0x1f, 0x8b) || ascii(d, 257, 'ustar') || ascii(d, 0, 'MSCF'),
  },
];

export function checkContent(data: Buffer): ContentVerdict {
  if (data.length === 0) return refuse('the file is empty');
  const program = EXECUTABLES.find((e) => e.test(data));
  if (program) return refuse(`it is ${program.name}`);
  if (starts(data, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return accept(KINDS.png);
  if (starts(data, 0xff, 0xd8, 0xff)) return accept(KINDS.jpeg);
  if (ascii(data, 0, 'GIF87a') || ascii(data, 0, 'GIF89a')) return accept(KINDS.gif);
  if (ascii(data, 0, 'RIFF') && ascii(data, 8, 'WEBP')) return accept(KINDS.webp);
  if (ascii(data, 0, '%PDF-')) return accept(KINDS.pdf);
  if (ascii(data, 0, 'PK\x03\x04')) return officeDocument(data);
  return textFile(data);
}

/** An Office Open XML document is a zip whose entries name its kind; any other zip is refused. */
function officeDocument(data: Buffer): ContentVerdict {
  const names = zipEntryNames(data);
  if (!names) return refuse('it is a damaged or unreadable zip archive');
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return refuse('it is an Office document with macros (save it without macros)');
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return accept(KINDS.docx);
    if (names.some((n) => n.startsWith('xl/'))) return accept(KINDS.xlsx);
    if (names.some((n) => n.startsWith('ppt/'))) return accept(KINDS.pptx);
  }
  return refuse('it is a zip archive (archives can hide programs: send the files themselves)');
}

/** Most entries read from a zip's directory; more is no document this desk takes. */
const MAX_ZIP_ENTRIES = 5_000;

/**
 * The entry names of a zip, from its central directory (never its contents), or null when the
 * directory cannot be read. Sizes and offsets are checked against the buffer, so a crafted
 * directory reads nothing outside it.
 */
export function zipEntryNames(data: Buffer): string[] | null {
  const END = 0x06054b50;
  const from = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  if (count > MAX_ZIP_ENTRIES) return null;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = data.readUInt16LE(at + 28);
    const rest = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    if (at + 46 + rest > data.length) return null;
    names.push(data.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + rest;
  }
  return names;
}

/** Markup a browser would render (and run scripts in), wherever it starts. */
const MARKUP = /<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|\?xml|xsl|meta|link|img|a\s)/i;
/** The header lines an .eml file starts with. */
const MAIL_HEADER =
  /^(received|return-path|from|to|date|subject|message-id|mime-version|delivered-to|x-[\w-]+|dkim-signature|authentication-results|arc-[\w-]+|content-type|reply-to|cc|sender)\s*:/i;

/** UTF-8 text without NULs: an e-mail when it starts with mail headers, else plain text; never markup. */
function textFile(data: Buffer): ContentVerdict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return refuse(`its content is not one of the accepted kinds: ${ACCEPTED_KINDS}`);
  }
  if (text.includes('\0')) return refuse(`its content is not one of the accepted kinds: ${ACCEPTED_KINDS}`);
  const head = text.slice(0, 4096);
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headers = lines.slice(0, lines.indexOf('') < 0 ? lines.length : lines.indexOf(''));
  const mailLike =
    headers.length >= 2 &&
    headers.every((l) => MAIL_HEADER.test(l) || /^[\t ]/.test(l) || /^[\w-]+:/.test(l)) &&
    headers.some((l) => /^from\s*:/i.test(l)) &&
    headers.some((l) => /^(date|subject|message-id|received)\s*:/i.test(l));
  // A mail may carry HTML parts: it is served as message/rfc822 to download, never rendered.
  if (mailLike) return accept(KINDS.eml);
  if (MARKUP.test(head)) return refuse('it is HTML, SVG or XML, which could run scripts in a browser (send a PDF or a screenshot)');
  return accept(KINDS.text);
}

function accept(kind: FileKind): ContentVerdict {
  return { accepted: true, ...kind };
}

function refuse(reason: string): ContentVerdict {
  return { accepted: false, reason };
}
