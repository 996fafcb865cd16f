import { fold } from '../../common/text';

/**
 * Words people use for the same thing. A query word that matches one member of a group adds
 * the group's other members to the query (with a lower weight), so "rezygnacja" finds an entry
 * that says "anulować", and short English questions find the Polish entries.
 * Members are matched by prefix (see `matches`), so one form covers most inflections.
 */
const GROUPS: string[][] = [
  ['anulowanie', 'anulować', 'anuluj', 'rezygnacja', 'zrezygnować', 'wypowiedzenie', 'wypowiedzieć', 'cancel', 'cancellation'],
  ['pomoc techniczna', 'wsparcie', 'support', 'helpdesk', 'serwis'],
  ['zgłoszenie', 'zgłosić', 'ticket', 'wniosek o pomoc', 'żądanie obsługi', 'request'],
  ['abonament', 'subskrypcja', 'subscription', 'plan'],
  ['kanał', 'channel', 'linia'],
  ['minuty', 'minutes', 'minuta'],
  // Not "number": in English it also counts ("the number of channels"), which "numer" never does.
  ['telefon', 'numer', 'infolinia', 'phone', 'zadzwonić', 'call', 'dial', 'ring', 'helpline', 'hotline', 'telephone'],
  ['ważność', 'priorytet', 'severity', 'priority', 'krytyczny', 'pilność', 'critical', 'urgent'],
  ['godziny', 'hours', 'kiedy czynne', 'dostępność'],
  ['całą dobę', 'doba', 'całodobowo', 'całodobowość', 'nocy', 'nocą', 'nonstop', 'night', 'around the clock', '24 hours'],
  ['codziennie', 'weekend', 'sobota', 'niedziela', 'święta', 'daily', 'saturday', 'sunday'],
  ['czas odpowiedzi', 'reakcja', 'response', 'odpowiadacie', 'answer', 'respond', 'reply'],
  ['czekać', 'czekanie', 'oczekiwania', 'wait', 'waiting'],
  ['przenieść', 'przenosić', 'przeniesienie', 'transfer', 'move'],
  ['administrator', 'admin', 'administratora'],
  ['rozliczenia', 'faktura', 'rachunek', 'billing', 'invoice', 'płatność', 'opłata'],
  ['kupić', 'kupować', 'zakup', 'buy', 'purchase', 'wykupić'],
  ['zmienić', 'zmiana', 'change', 'modyfikacja', 'zwiększyć', 'zmniejszyć'],
  ['połączyć', 'podłączyć', 'podpiąć', 'podpinać', 'link', 'powiązać'],
  ['rozłączyć', 'odłączyć', 'unlink', 'dezaktywować', 'odpiąć', 'deactivate', 'deactivation'],
  ['aktywować', 'activate', 'włączyć', 'uruchomić', 'uaktywnić', 'uaktywniać'],
  ['wygasają', 'przepadają', 'expire', 'kumulują', 'przechodzą'],
  ['alarmowy', 'ratunkowy', 'emergency', 'pogotowie', 'karetka', 'policja', 'straż', '112', '911'],
  ['kraj', 'country', 'countries', 'państwo', 'za granicą', 'abroad'],
  ['weryfikacja', 'verification', 'pin', 'kod weryfikacyjny', 'code'],
  ['przedsprzedaż', 'presales', 'pre-sales', 'przed zakupem'],
  ['mała firma', 'small business', 'business assist'],
  ['poczta', 'mail', 'e-mail', 'skrzynka'],
  ['darmowe', 'free', 'bezpłatne'],
  ['przysługiwać', 'dostać', 'dostawać', 'dostępny', 'uprawniony', 'eligible', 'entitled'],
  ['pieniądze', 'kasa', 'kwota', 'zwrot', 'money', 'refund'],
  // English words of questions asked in English, for the Polish words of the same entries.
  ['jednoczesny', 'jednocześnie', 'simultaneous', 'simultaneously', 'concurrent', 'concurrently'],
  ['maksymalna', 'maximum', 'najwięcej'],
  ['pakiet', 'bundle', 'pack', 'package'],
  ['przekroczyć', 'przekracza', 'exceed', 'exceeds'],
  ['podróż', 'travel', 'travelling', 'traveling', 'trip', 'wyjazd'],
  ['odnawia', 'odnowienie', 'renew', 'renewal', 'renews', 'przedłuża'],
  // Paid or given every month: "comiesięczny" reads as "miesięczny" (derivedWords).
  ['co miesiąc', 'miesięcznie', 'miesięczny'],
  ['zaokrąglać', 'zaokrąglenie', 'round', 'rounded', 'rounding'],
  ['komórka', 'komórkowy', 'mobile', 'cellphone', 'cell phone'],
  ['zweryfikować', 'weryfikować', 'verify', 'verified', 'identity'],
  ['wyjątkiem', 'wyjątek', 'wykluczony', 'wykluczone', 'except', 'excluded', 'exception'],
  ['pierwsza', 'pierwszy', 'najpierw', 'first', 'initial'],
  // Minutes and subscriptions are used up: the articles say "zużywa", customers "wykorzystane".
  ['zużywać', 'zużyć', 'wykorzystać', 'wykorzystywać', 'consume', 'consumed'],
  ['rozwiązać', 'naprawić', 'usunąć problem', 'resolve', 'fix', 'solve', 'troubleshoot', 'troubleshooting'],
  ['zostało', 'pozostałe', 'pozostało', 'remaining', 'left', 'balance'],
  ['pracownik', 'pracowników', 'employee', 'employees', 'staff', 'workers'],
  ['organizacja', 'organisation', 'organization', 'org', 'tenant'],
  ['automatycznie', 'samoczynnie', 'automatically', 'auto'],
  ['opłata', 'koszt', 'fee', 'charge', 'charged', 'cost'],
  // Words customers use for what the articles name otherwise: duties, networks, written help, news, add-ons.
  ['obowiązki', 'zadania', 'rola', 'responsibilities', 'duties', 'tasks', 'job', 'role'],
  ['sieć', 'sieciowy', 'network', 'firewall', 'proxy', 'vpn', 'router', 'lan', 'wan', 'wifi'],
  ['przewodnik', 'poradnik', 'podręcznik', 'instrukcja', 'dokumentacja', 'guide', 'manual', 'documentation'],
  // The desk's own FAQ: "to FAQ mi nie wystarcza" names no product the base does not know.
  ['faq', 'często zadawane pytania', 'frequently asked questions'],
  ['aktualizacje', 'nowości', 'nowinki', 'aktualności', 'newsy', 'updates', 'news'],
  ['dodatek', 'dodatki', 'wtyczka', 'addin', 'plugin', 'extension', 'rozszerzenie'],
  ['zmienić', 'modify', 'increase', 'reduce', 'adjust', 'downgrade', 'upgrade'],
];

/**
 * English function words, dropped from English questions and texts (Polish ones go in normalize),
 * with what a contraction leaves ("don't" is "don t") and the framing of "is it possible to":
 * unknown to the base, each counted as a rare word no entry has.
 */
export const ENGLISH_STOP_WORDS = new Set(
  'a an the is are am do does did i my me we our you your how what when where which who can could to of for in on at with and or it this that there be have has get from m s t re ve ll d will would should there any some about around through while still already actually exactly else something anyone being according so just really don doesn didn isn aren wasn weren won haven hasn shouldn couldn wouldn possible possibly guys folks if anything'.split(
    ' ',
  ),
);

interface Group {
  members: string[][];
}

const groups: Group[] = GROUPS.map((g) => ({ members: g.map((m) => fold(m).split(/[\s-]+/)) }));

/**
 * Two words match when one looks like an inflection of the other: a shared prefix of most of
 * the shorter word, and endings that differ by at most three letters ("kanał", "kanałów"). A
 * three-letter word only grows an ending ("kod", "kodem").
 */
export function matches(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 3 || Math.abs(a.length - b.length) > 3) return false;
  if (shorter === 3) return a.length === 3 ? b.startsWith(a) : a.startsWith(b);
  const need = inflectionStem(shorter);
  for (let i = 0; i < need; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** How many leading letters two forms of a word of this length share (see `matches`). */
export function inflectionStem(length: number): number {
  return Math.max(4, length - 1);
}

/** Every word of the synonym groups: words the desk knows even where no entry uses them. */
export function glossaryWords(): string[] {
  return groups.flatMap((g) => g.members.flat());
}

/** For each member word, the groups (their indexes) that name it. */
const groupsNaming = new Map<string, number[]>();
groups.forEach((group, g) => {
  for (const part of new Set(group.members.flat())) groupsNaming.set(part, [...(groupsNaming.get(part) ?? []), g]);
});

/** Every member word of the groups, once. */
const memberParts = [...new Set(glossaryWords())];
/** For each word seen, the member words it matches (bounded like the other per-word memos). */
const partsMatched = new Map<string, Set<string>>();

function partsMatchedBy(word: string): Set<string> {
  let parts = partsMatched.get(word);
  if (!parts) {
    parts = new Set(memberParts.filter((part) => matches(word, part)));
    if (partsMatched.size >= 20_000) partsMatched.clear();
    partsMatched.set(word, parts);
  }
  return parts;
}

/** The query's words plus the synonyms they call in, weighted lower than what was typed. */
export function expandWithSynonyms(words: string[], synonymWeight = 0.5): { word: string; weight: number }[] {
  const out = words.map((word) => ({ word, weight: 1 }));
  const matched = new Set(words.flatMap((w) => [...partsMatchedBy(w)]));
  // Only a group naming a matched word can be hit: those, in the groups' order.
  const named = [...new Set([...matched].flatMap((part) => groupsNaming.get(part) ?? []))].sort((a, b) => a - b);
  for (const g of named) {
    const group = groups[g]!;
    const hit = group.members.find((member) => member.every((part) => matched.has(part)));
    if (!hit) continue;
    for (const member of group.members) {
      if (member === hit) continue;
      for (const part of member) out.push({ word: part, weight: synonymWeight / member.length });
    }
  }
  return out;
}

/** For each word seen, its one-word synonyms (bounded like the other per-word memos). */
const synonymMemo = new Map<string, string[]>();

/**
 * The one-word members of the groups in which the word matches a one-word member, other than the
 * members it matches itself: "invoice" -> "faktura", "rachunek", "billing", … (see coverage).
 */
export function synonymsOf(word: string): string[] {
  let found = synonymMemo.get(word);
  if (!found) {
    const parts = partsMatchedBy(word);
    const out = new Set<string>();
    for (const part of parts) {
      for (const g of groupsNaming.get(part) ?? []) {
        const { members } = groups[g]!;
        if (!members.some((m) => m.length === 1 && parts.has(m[0]!))) continue;
        for (const m of members) if (m.length === 1 && !parts.has(m[0]!)) out.add(m[0]!);
      }
    }
    found = [...out];
    if (synonymMemo.size >= 20_000) synonymMemo.clear();
    synonymMemo.set(word, found);
  }
  return found;
}
