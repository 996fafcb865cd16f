import { fold, greetingLength } from '../../common/text';
import { ticketIdIn } from '../commands';
import { asksWithoutSaying, saysNothing } from './socialWords';

/**
 * The message without a greeting at its start, when a request follows it ("Witam, chcę dopisać
 * coś do SR-…" is about the ticket, not a hello); the whole message otherwise: "Dzień dobry, ..."
 * is a greeting only when nothing follows.
 */
export function withoutGreeting(text: string): string {
  const folded = fold(text);
  const greeting = greetingLength(folded);
  if (!greeting) return text;
  // fold keeps the length of most text; where it does not, the message is kept whole.
  const rest = folded.length === text.length ? text.slice(greeting) : folded.slice(greeting);
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 2 ? rest : text;
}

/** Whether the message is a greeting and nothing more ("Helo!", "Dzień dobry państwu"). */
export function onlyGreeting(text: string): boolean {
  const folded = `${fold(text).trim()} `;
  return folded.trim() !== '' && greetingLength(folded) === folded.length;
}

/** Longer than this, a message says more than a short ask ("any news?", "nvm"), and the anchored patterns never run on it. */
const SHORT_LONGEST = 80;

/** Words that open a question, in Polish and English; not the Polish "do" of "Do zgłoszenia … dodaję", nor "co do" ("as for"), nor "can't". */
const QUESTION_OPENING =
  /^\s*(?:czy|kto|co\b(?!\s+do\b)|jak|jaki|jaka|jakie|jakiego|jakich|ile|kiedy|dlaczego|czemu|gdzie|ktory|ktora|ktore|po co|who|what|how|when|why|where|which|whose|is|are|does|do\b(?!\s+(?:zgloszen|spraw|ticket|tego|mojego|naszego|mojej|naszej))|can\b(?!\W?t\b)|could|may|should|will|would|did|was|were|has|have)\b/;

/**
 * Openings that ask for an example or a definition, put as a request or a bare noun phrase:
 * "Przykład problemu o średniej ważności", "podaj przykłady spraw krytycznych", "example of a
 * severity B problem", "definicja ważności A". Only at the start: "na przykład" and "for example"
 * inside a message describe the customer's own problem.
 */
const KNOWLEDGE_REQUEST =
  /^\s*(?:(?:podaj(?:cie)?|daj(?:cie)?|pokaz(?:cie)?|wymien(?:cie)?|prosze o|poprosze|jakis|jakies|jakikolwiek|give|show|me|any|some|an?)\s+)*(?:przyklad(?!owo)|example|definicj|definition|define)/;

/**
 * A question asked indirectly: "wondering if support helps with…", "please tell me whether…",
 * "chciałbym wiedzieć, czy…", or closed with "…or nah", "…czy nie". "Nie wiem, czy" and "not sure
 * if" are left out: they open problem descriptions as often as questions.
 */
const INDIRECT_QUESTION =
  /\b(?:wondering|i wonder|tell me|let me know|curious|(?:like|want|need) to know|do you know|zastanawiam sie|powiedz(?:cie)? mi|chcial(?:bym|abym) (?:wiedziec|zapytac)|ciekawi mnie|interesuje mnie)\W+(?:if|whether|czy)\b|\b(?:or (?:nah|not|no)|czy nie|albo nie)\W*$/;

/**
 * A question inside the message, typed without a question mark: a choice between two things one
 * may or must do ("mogę coś zgłosić czy muszę iść do naszego IT"). A clause opened by "czy" after
 * a comma is no such sign: "nie wiem, czy to do was, ale…" describes a problem.
 */
const CHOICE_ASKED = /\b(?:moge|mozna|musze|mozemy|musimy|mam|mamy|powinienem|powinnam|powinnismy)\b[^,.;!?]{0,80}?\sczy\s/;

/**
 * Whether the message is put as a question: a question mark, a question word first, a choice
 * asked between two things to do, a question asked indirectly, or a request for an example or a
 * definition.
 */
export function readsAsQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  const folded = fold(text);
  return QUESTION_OPENING.test(folded) || KNOWLEDGE_REQUEST.test(folded) || CHOICE_ASKED.test(folded) || INDIRECT_QUESTION.test(folded);
}

/** The desk asked, politely, to do something: "can you", "could someone", "możecie", "czy mógłbyś", "proszę". */
const ASKING_THE_DESK = String.raw`(?:can|could|would|will|pls|please|plz)\W+(?:you|u|someone|somebody)|(?:czy\W+)?(?:mozesz|mozecie|moglbys|moglabys|moglibyscie|prosze)`;
/** Words a request puts between the asking and the deed: "can you please just…", "możecie mi to jakoś…". */
const POLITE_FILLER = String.raw`(?:\W+(?:please|pls|just|kindly|mi|mnie|nam|nas|to|jakos|prosze|szybko))*`;
/** Ticket work the desk can do for the customer. */
const TICKET_DEEDS = String.raw`open|raise|create|log|file|submit|register|report|put\W+in|make|add|attach|update|connect|transfer|forward|escalate|check|look\W+into|zarejestr\p{L}*|zaloz\p{L}*|zglos\p{L}*|otworz\p{L}*|utworz\p{L}*|przelacz\p{L}*|polacz\p{L}*|dopis\p{L}*|doda\p{L}*|zaktualiz\p{L}*|popraw\p{L}*|dolacz\p{L}*|uzupelni\p{L}*|sprawdz\p{L}*|przekaz\p{L}*`;
/** Asking to talk to a person: "can I speak with an agent", "czy mogę porozmawiać z konsultantem". */
const MAY_I_TALK = String.raw`(?:can|could|may)\W+i\W+(?:please\W+)?(?:speak|talk|chat)|czy\W+(?:moge|mozna)\W+(?:prosic\W+o\W+rozmow\p{L}*|porozmawia\p{L}*|rozmawia\p{L}*|pogada\p{L}*|zostac\W+przelaczon\p{L}*)|(?:da\W+sie|mozna|moge)\W+(?:\p{L}+\W+)?(?:pogadac|porozmawiac|rozmawiac)\W+z\W+(?:\p{L}+\W+)?(?:konsultant|czlowiek|osob|kims|pracownik|agent)\p{L}*|(?:ktos|kogos)\W+(?:\p{L}+\W+){0,3}?z\W+kim\W+(?:moge|mozna|da\W+sie)\W+(?:po)?(?:rozmawiac|gadac)`;
/** A ticket, as an English request names it. */
const A_TICKET = String.raw`(?:a|an|one|me\W+a|us\W+a)\W+(?:new\W+|support\W+|quick\W+)?(?:ticket|case|support\W+request|service\W+request|request)`;
/** Polish imperatives of ticket work, said to the desk: "dopiszcie, że…", "zgłoś to", "podepnij logi". */
const POLISH_IMPERATIVES = String.raw`dopisz(?:cie)?|popraw(?:cie)?|zaktualizuj(?:cie)?|dodajcie|dolacz(?:cie)?|podepnij(?:cie)?|uzupelnijcie|zglos(?:cie)?|zarejestruj(?:cie)?|przekazcie`;
/**
 * Ticket work asked for outright or declared: "please create a support case", "open a case for
 * me", "I'd like to report a bug", "I'm reporting an outage", "zgłaszam awarię", "zakładam
 * sprawę", "chcę to zgłosić", "proszę o zgłoszenie", "dopiszcie do zgłoszenia, że…".
 */
const ASKED_OUTRIGHT = String.raw`^\W*(?:please|pls|plz|kindly)\W+(?:open|raise|create|log|file|submit|register|add|attach|update|escalate)|^\W*(?:open|raise|create|log|file|submit|register|make|put\W+in)\W+${A_TICKET}|(?:i\W+d|i\W+would|i|we\W+d|we|we\W+would)\W+(?:like|want|need|have)\W+to\W+(?:report|file|open|raise|log|submit|lodge|register)|(?:i\W+m|i\W+am|we\W+re|we\W+are)\W+(?:reporting|raising|logging|filing)|(?:would|do)\W+you\W+mind\W+(?:opening|raising|creating|logging|filing|submitting|registering|adding|attaching|updating|checking|escalating)|(?:mozna|moge|mozemy)\W+prosic\W+o\W+(?:zgloszenie|zalozenie|otwarcie|zarejestrowanie|przyjecie|dopisanie|dodanie|aktualizacj\p{L}*|sprawdzenie|przelaczenie|polaczenie)|${POLISH_IMPERATIVES}|zglaszam|(?:zakladam|otwieram|zalozcie|otworzcie|otworzmy|zalozmy)(?:\W+\p{L}+)?\W+(?:sprawe|zgloszen\p{L}*|ticket\p{L}*|case|reklamacj\p{L}*)|(?:chce|chcemy|chcialbym|chcialabym|chcielibysmy|musze|prosze\W+o)(?:\W+(?:to|ten|te|tez|jeszcze|oficjalnie))*\W+(?:zglosic|zgloszenie|zalozyc|zalozenie|otworzyc|otwarcie|zlozyc|przyjecie|zarejestrowac|zarejestrowanie)`;
const TICKET_WORK_REQUEST = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:${ASKING_THE_DESK})${POLITE_FILLER}\W+(?:${TICKET_DEEDS})|${MAY_I_TALK}|${ASKED_OUTRIGHT})(?![\p{L}\p{N}])`,
  'u',
);

/**
 * Whether the message asks the desk to do ticket work for the customer ("can you open a case
 * for me?", "możecie to dopisać do zgłoszenia?", "czy mogę porozmawiać z konsultantem?"), asks
 * for it outright or declares it ("please create a case", "zgłaszam awarię"): often put as a
 * question, yet no question about how tickets work ("who may open a ticket?", "can I open one at
 * night?" ask about the rules and are not matched).
 */
export function requestsTicketWork(text: string): boolean {
  return TICKET_WORK_REQUEST.test(fold(text));
}

/** The details a ticket carries, in Polish and English. */
const DETAIL = String.raw`(?:adres|mail|e\W*mail|numer|nr|telefon|liczb|dane|danych|nazw|miesiac|dat|osob|kontakt|contact|phone|number|address|name|date|month|details|info)\p{L}*`;
/** A detail given wrong: "pomyliłem się w mailu", "źle wpisałem miesiąc", "zły adres", "ma być 35 a nie 53", "wrong contact number". */
const MISTAKE = String.raw`(?:pomylil\p{L}*\W+(?:sie\W+)?(?:w|we|przy|z)|zle\W+(?:\p{L}+\W+)?(?:wpisal|podal|wpisan|podan|wprowadzil)\p{L}*|(?:zly|zla|zle|zlego|zlej|bledn|nieprawidlow|niepoprawn|wrong|incorrect|mistyped)\p{L}*)\W+(?:\p{L}+\W+)?${DETAIL}|ma\W+byc\W+(?:\S+\W+){1,4}?a\W+nie|literowk\p{L}*|typo|should\W+(?:be|read|say)\W+(?:\S+\W+){1,4}?not`;
/** A detail of a ticket changed: "zmień w moim zgłoszeniu…", "change the contact on my ticket to phone". */
const DETAIL_CHANGED = String.raw`(?:zmien|zmiencie|popraw|poprawcie)\W+(?:\p{L}+\W+){0,2}?w\W+(?:\p{L}+\W+)?(?:zgloszeniu|tickecie|sprawie)|(?:change|update|correct|fix)\W+(?:the\W+|my\W+|our\W+)?(?:contact|e\W*mail|phone|number|address|details|priority|preferred)`;
/** An existing ticket named: "w zgłoszeniu", "do sprawy 55102", "on my request", "in the ticket". */
const A_TICKET_NAMED = String.raw`zgloszen\p{L}*|ticket\p{L}*|tickecie|sprawie|sprawy|reklamacj\p{L}*|case|request`;
const CORRECTION = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${MISTAKE}|${DETAIL_CHANGED})(?![\p{L}\p{N}])`, 'u');
const TICKET_NAMED = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${A_TICKET_NAMED})(?![\p{L}\p{N}])`, 'u');

/**
 * Whether the message corrects a detail of a ticket the customer has ("w zgłoszeniu jest zły adres,
 * popraw na…", "I gave the wrong contact number on my request"): more for that ticket, though its
 * words ("zgłoszenie", "podałem") sound like opening one.
 */
export function correctsTicket(text: string): boolean {
  const folded = fold(text);
  return CORRECTION.test(folded) && TICKET_NAMED.test(folded);
}

/**
 * More for a ticket, said to the desk: "do zgłoszenia w sprawie poczty dodaję…", "proszę
 * zaktualizować zgłoszenie", "update my ticket: …", "please put in my case that…", "dopisz do
 * tamtej sprawy, że…", "add to case 4410 that…".
 */
const ADDITION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:do|to)\W+(?:\p{L}+\W+){0,3}?(?:zgloszenia|sprawy|ticketu|case|ticket|request)\W+(?:\p{L}+\W+){0,6}?(?:dodaj\p{L}*|dopis\p{L}*|dolacz\p{L}*|dorzuc\p{L}*|wrzucam|przesylam|add|adding|attach\p{L}*)|(?:zaktualizowa\p{L}*|zaktualizuj\p{L}*|update)\W+(?:moje\W+|nasze\W+|my\W+|our\W+|the\W+|to\W+|ten\W+)?(?:zgloszenie|ticket|case|request|sprawe)|(?:put|add|note)\W+(?:\p{L}+\W+)?(?:in|to|on|onto)\W+(?:my|the|our)\W+(?:\p{L}+\W+)?(?:case|ticket|request)|(?:add|dodaj|dodajcie|dopisz|dopiszcie|wrzuc|wrzuccie|dorzuc|dorzuccie)\W+(?:to|do)\W+(?:\p{L}+\W+){0,2}?(?:case|ticket|request|zgloszenia|sprawy|ticketu)\W+(?:[\p{L}\p{N}]+\W+)?(?:that|ze|iz))(?![\p{L}\p{N}])`,
  'u',
);

/** Whether the message gives more for a ticket the customer has, outright ("update my ticket: it's partly working now"). */
export function addsToTicket(text: string): boolean {
  return ADDITION.test(fold(text));
}

/** Ways to call off what was going on that answer no prompt: "nvm", "scrap that", "odpuszczam", "rozmyśliłem się". */
const CALLING_OFF = String.raw`nvm|never\W*mind|scrap\W+(?:that|it)|forget\W+(?:it|that|about\W+it)|odpuszczam|rezygnuje|zapomnij\W+o\W+tym|daj\W+spokoj|drop\W+it|(?:sie\W+)?rozmyslil[a-z]*(?:\W+sie)?|zmienil[a-z]*\W+zdanie|(?:i\W+)?changed\W+my\W+mind`;
/** "Nieważne" calls it off too, yet at a prompt ("e-mail czy telefon?") it may answer "it doesn't matter". */
const NO_MATTER = String.raw`niewazne|nie\W+wazne`;
const calledOff = (words: string) =>
  new RegExp(
    String.raw`^\W*(?:(?:ok|okay|dobra|dobrze|no|nie|to|a|oh|ah|eh|hmm|wait|sorry|sory|jednak|actually)\W+)*(?:${words})(?:\W+(?:then|juz|jednak|already|thanks|dzieki|dziekuje|please|prosze|${CALLING_OFF}))*\W*$`,
  );
const CALLED_OFF = calledOff(`${CALLING_OFF}|${NO_MATTER}`);
const CALLED_OFF_OUTRIGHT = calledOff(CALLING_OFF);

/** The ticket being opened called off: "I don't need the ticket after all", "jednak nie chcę zakładać zgłoszenia". */
const TICKET_DROPPED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:don\W*t|do\W+not|no\W+longer)\W+(?:want|need)\W+(?:to\W+(?:open|create|file|raise)\W+)?(?:the|a|this|that|any)\W+(?:ticket|case|request)(?:\W+(?:after\W+all|anymore|any\W+more))?|(?:jednak\W+)?nie\W+(?:chce|potrzebuje|trzeba)\W+(?:juz\W+)?(?:(?:zakladac|otwierac|robic|tego)\W+)?(?:zgloszenia|ticketu|sprawy))(?![\p{L}\p{N}])`,
  'u',
);

/**
 * Whether the message only calls off what was going on: "dobra, nieważne", "nvm, scrap that",
 * "odpuszczam"; `outright` leaves out "nieważne", which a prompt may take for its answer. Never
 * "nie trzeba" nor "jednak nie": at a prompt those answer its question "no".
 */
export function callsOff(text: string, outright = false): boolean {
  const folded = fold(text).trim();
  return folded.length <= SHORT_LONGEST && (outright ? CALLED_OFF_OUTRIGHT : CALLED_OFF).test(folded);
}

/** Whether the message calls off the ticket it was about to open ("please stop, I don't want a ticket after all"). */
export function dropsTicket(text: string): boolean {
  const folded = fold(text);
  return folded.length <= SHORT_LONGEST && TICKET_DROPPED.test(folded);
}

/** A human asked for by what sets them apart from the bot: "a real person", "z człowiekiem", "żywej osoby, nie bota". */
const PERSON_ASKED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:real|actual|live|human)\W+(?:person|human|agent|being|people)|(?:talk|speak|chat|connect|transfer|get|want|need)\W+(?:\p{L}+\W+){0,3}?(?:a|an|the|some)\W+human|(?:z|ze|jakis|jakims|jakiegos)\W+czlowiek\p{L}*|(?:potrzebuje|chce|wole|wolalbym|wolalabym|prosze\W+o|dawaj\p{L}*|daj\p{L}*|gdzie\W+jest)\W+(?:\p{L}+\W+){0,2}?czlowiek\p{L}*|zyw\p{L}*\W+(?:osob\p{L}*|czlowiek\p{L}*|konsultant\p{L}*)|prawdziw\p{L}*\W+(?:osob\p{L}*|czlowiek\p{L}*|konsultant\p{L}*)|jest\W+tam\W+ktos\W+(?:prawdziw|zyw)\p{L}*|(?:mnie|nas)\W+(?:przelacz|polacz|przekier)\p{L}*\W+(?:\p{L}+\W+){0,2}?(?:osob|konsultant|czlowiek|pracownik)\p{L}*|(?:przelacz|polacz|przekier)\p{L}*\W+(?:mnie|nas)\W+(?:\p{L}+\W+){0,2}?(?:osob|konsultant|czlowiek|pracownik)\p{L}*|(?:transfer|connect|put)\W+(?:me|us)\W+(?:through\W+)?to\W+(?:(?:a|an|the|some)\W+)?(?:person|human|agent|consultant|someone)|nie\W+(?:z\W+)?(?:bot|botem|bota)|not\W+(?:a\W+|the\W+|with\W+a\W+)?bot)(?![\p{L}\p{N}])`,
  'u',
);

/** Longer than this, a message asking for a human says more (a question, a problem) the bot should read. */
const HUMAN_ASK_WORDS = 14;

/** Whether the message asks for a human rather than the bot ("can i speek with a real persn", "potrzebuję żywej osoby, nie bota"), and little else. */
export function asksForHuman(text: string): boolean {
  const folded = fold(text);
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).length <= HUMAN_ASK_WORDS && PERSON_ASKED.test(folded);
}

/** Asking how something goes: "any update?", "na jakim to jest etapie?", "czy ktoś już nad tym pracuje?". */
const PROGRESS_ASKED = String.raw`(?:any|an)\W+update|still\W+waiting|still\W+open|progressing|go(?:ne|ing)?\W+anywhere|checking\W+in\W+on|jeszcze\W+otwart\p{L}*|juz\W+zalatwion\p{L}*|status\W+(?:on|of)|(?:pomoc\W+techniczna|support|wsparcie|konsultant\p{L}*|ktos|ktokolwiek)\W+(?:juz\W+)?(?:odpowiedzial|odpisal|oddzwonil)\p{L}*|(?:jest|przyszla|mam)\W+(?:juz\W+)?(?:jakas\W+)?odpowiedz|(?:has|have|did)\W+(?:anyone|someone|anybody|support|an\W+agent|the\W+agent|you)\W+(?:replied|reply|answered|answer|responded|respond|got\W+back|get\W+back)|(?:did|has|have)\W+(?:someone|anyone|anybody|you)\W+(?:looked|look|picked|pick|checked|check|started|start)|what\W*s\W+happening\W+with|na\W+jakim\W+(?:to\W+|jest\W+|ono\W+)*etapie|czy\W+ktos\W+(?:juz\W+)?(?:nad\W+tym\W+pracuje|sie\W+tym\W+zajal\p{L}*|to\W+sprawdzil\p{L}*)|co\W+(?:sie\W+)?dzieje\W+z|co\W+(?:(?:tam|dalej|teraz)\W+)?z\W+(?:tym|tymi|moim|moimi|naszym|tamtym)\W+(?:\p{L}+\W+)?(?:zgloszen\p{L}*|ticket\p{L}*|spraw\p{L}*)|co\W+jest\W+grane`;
/** Something the customer reported before: "zgłosiłam", "moje zgłoszenie", "the case I raised", "my issue". */
const REPORTED_BEFORE = String.raw`zglosil\p{L}*|zglaszal\p{L}*|zgloszen\p{L}*|(?:moj|moja|moje|moim|nasz|nasza|naszym)\W+(?:spraw|reklamacj|ticket|problem)\p{L}*|reported|raised|opened|filed|logged|my\W+(?:\p{L}+\W+){0,3}(?:issue|ticket|case|request|problem)`;
const PROGRESS = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${PROGRESS_ASKED})(?![\p{L}\p{N}])`, 'u');
const REPORTED = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${REPORTED_BEFORE})(?![\p{L}\p{N}])`, 'u');

/** The customer's tickets asked for: "jakie ja mam w ogóle zgłoszenia", "what've I got open", "everything I've logged". */
const LIST_ASKED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:jakie|ktore)\W+(?:moje|nasze)\W+(?:zgloszenia|sprawy|tickety)|(?:jakie|ktore)\W+(?:\p{L}+\W+){0,3}?(?:mam|mamy)\W+(?:\p{L}+\W+){0,3}?(?:zgloszen|ticket|spraw)\p{L}*|ile\W+(?:\p{L}+\W+)?(?:mam|mamy)\W+(?:otwartych\W+|aktywnych\W+)?(?:zgloszen|ticket|spraw)\p{L}*|what\W*(?:ve|have|do)\W+(?:i|we)\W+(?:got\W+|have\W+)?(?:open|opened|logged|raised|filed)|(?:everything|all|whatever)\W+(?:that\W+)?(?:i|we)\W*(?:ve|have)\W+(?:ever\W+)?(?:logged|opened|reported|filed|raised|submitted)|(?:which|what)\W+(?:\p{L}+\W+){0,2}?(?:tickets|cases|requests)\W+(?:do|have|did)\W+(?:i|we)|(?:jakie|ktore)\W+(?:\p{L}+\W+){0,2}?(?:zgloszenia|sprawy|tickety)\W+(?:\p{L}+\W+)?(?:zalozyl|zglosil|otworzyl|zglaszal)\p{L}*|(?:list\p{L}*|liste|spis)\W+(?:\p{L}+\W+)?(?:moich|naszych|my|our|all\W+my|all\W+our)\W+(?:\p{L}+\W+)?(?:spraw|zgloszen|ticket|case|request)\p{L}*|(?:all|wszystkie)\W+(?:my|our|moje|nasze)\W+(?:\p{L}+\W+)?(?:tickets|cases|requests|zgloszenia|sprawy))(?![\p{L}\p{N}])`,
  'u',
);

/** Whether the message asks for the customer's tickets, in words the classifier does not know for it. */
export function asksForList(text: string): boolean {
  return LIST_ASKED.test(fold(text));
}

/** A ticket pointed at, one the customer has: "the sharepoint case", "ten ticket", "tego zgłoszenia". */
const THE_TICKET = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:the|that|this|ten|to|tym|tego|tej|ta)\W+(?:\p{L}+\W+){0,2}?(?:ticket\p{L}*|case|request|zgloszen\p{L}*|spraw\p{L}*)(?![\p{L}\p{N}])`,
  'u',
);

/** Whether the message asks how it goes and names the ticket it asks about ("any update on the ticket I opened?"). */
export function asksProgressOfTicket(text: string): boolean {
  const folded = fold(text);
  return PROGRESS.test(folded) && (REPORTED.test(folded) || THE_TICKET.test(folded)) && TICKET_NAMED.test(folded);
}

/**
 * Whether the message asks how something the customer reported is going ("I reported an outage
 * this morning, any update?", "zgłosiłam problem tydzień temu, na jakim to jest etapie?", "co się
 * dzieje z moją reklamacją?"): about their ticket, whatever else its words are about.
 */
export function asksProgress(text: string): boolean {
  const folded = fold(text);
  return PROGRESS.test(folded) && REPORTED.test(folded);
}

/** Asks for news that name nothing: "any news", "coś wiadomo", "nadal nic", "kiedy to naprawicie". */
const NEWS_ASKED = [
  String.raw`(?:any|some)\W+(?:news|updates?|progress|word|luck)`,
  String.raw`anything\W+(?:new|yet)`,
  String.raw`what\W*s\W+new`,
  String.raw`(?:news|updates?|progress|status|eta|so|and)`,
  String.raw`(?:still\W+)?nothing(?:\W+yet)?`,
  String.raw`still\W+waiting`,
  String.raw`when\W+will\W+(?:it|this|that)\W+be\W+(?:fixed|done|solved|resolved|ready|sorted)`,
  String.raw`how\W+(?:long|much\W+longer)\W+will\W+(?:it|this)\W+take`,
  String.raw`how\W+much\W+longer`,
  String.raw`(?:jakies|sa\W+jakies)\W+(?:wiesci|wiadomosci|nowosci|informacje|postepy|zmiany)`,
  String.raw`(?:jest\W+)?jakis\W+postep`,
  String.raw`(?:czy\W+)?(?:jest\W+)?(?:juz\W+)?cos\W+(?:juz\W+)?(?:wiadomo|nowego|sie\W+ruszylo|ruszylo)`,
  String.raw`wiadomo\W+(?:juz\W+)?cos`,
  String.raw`(?:i|no\W+i)\W+(?:co|jak)`,
  String.raw`no\W+i`,
  String.raw`(?:nadal|dalej|wciaz|ciagle)\W+nic`,
  String.raw`(?:ile|jak\W+dlugo|dlugo)\W+(?:jeszcze|mam\W+czekac|jeszcze\W+mam\W+czekac|to\W+potrwa|jeszcze\W+potrwa)(?:\W+(?:czekac|potrwa))?`,
  String.raw`kiedy\W+(?:to|ten\W+problem)?\W*(?:naprawicie|bedzie\W+naprawione|rozwiazecie|bedzie\W+rozwiazane|zalatwicie|bedzie\W+gotowe|cos\W+bedzie\W+wiadomo)`,
].join('|');
/** What may follow the ask: "any news on it?", "coś wiadomo w mojej sprawie?". */
const NEWS_TAIL = String.raw`(?:\W+(?:yet|already|juz|now|then|teraz|on\W+(?:it|this|that|my\W+\p{L}+)|with\W+(?:it|this|that)|w\W+tej\W+sprawie|w\W+mojej\W+sprawie|w\W+temacie|z\W+tym|tam|please|pls|prosze))*`;
const NEWS_ALONE = new RegExp(
  String.raw`^\W*(?:(?:hej|halo|hello|hi|ok|okay|no|i|and|so|well|a|to)\W+)*(?:${NEWS_ASKED})${NEWS_TAIL}(?:\W+(?:${NEWS_ASKED})${NEWS_TAIL})*\W*$`,
  'u',
);

/**
 * Whether the message asks for news and nothing else ("any news?", "i co, coś wiadomo?", "kiedy to
 * naprawicie?"). It names no problem, so it is about the customer's ticket (or a question still
 * to come); the classifier, given no words about tickets, reads it as anything.
 */
export function asksNewsAlone(text: string): boolean {
  const folded = fold(text).trim();
  return folded.length <= SHORT_LONGEST && NEWS_ALONE.test(folded);
}

/** Waiting on the desk, in a ticket's thread: "nadal nikt się nie odezwał", "kiedy ktoś zadzwoni?", "did someone look at it?". */
const WAITING = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      String.raw`(?:some|any)(?:one|body)\W+(?:(?:will|going\W+to|gonna|already|yet|actually|really|even|still)\W+)*(?:call|contact|reply|respond|answer|get\W+back|look|looked|check|checked|there|working|seen|saw)`,
      String.raw`no(?:one|body)\W+(?:has\W+)?(?:yet\W+)?(?:contacted|called|replied|answered|responded|got\W+back|looked|came\W+back)`,
      String.raw`(?:when|how\W+soon)\W+(?:(?:can|will|should|do|could)\W+(?:i|we)|(?:i|we)\W+(?:can|will|should|could))\W+(?:expect|get|hear|receive)`,
      String.raw`when\W+(?:will\W+)?(?:someone|somebody|anyone|you|they|the\W+\p{L}+)\W+(?:will\W+)?(?:call|contact|reply|respond|answer|get\W+back|fix|look)`,
      String.raw`estimated\W+(?:time|date|resolution)|eta|time\W*(?:frame|line)|word\W+from|it\W*s\W+been\W+(?:open|\p{N}+|a\W+(?:day|week)|two|three|several|days|hours)`,
      String.raw`what\W*s\W+going\W+on\W+with\W+(?:it|this|that|my)`,
      String.raw`(?:ktos|ktokolwiek)\W+(?:(?:sie|w\W+ogole|juz|w\W+koncu|wreszcie|tym|to|z\W+\p{L}+|od\W+was|do\W+(?:mnie|nas)|mi|nam)\W+)*(?:odezwie|odpisze|odpowie|zadzwoni|oddzwoni|skontaktuje|zajmuje|zajmie|zajal|sprawdzil|widzial|patrzyl|pracuje|raczy)`,
      String.raw`(?:odezwie|odpisze|odpowie|zadzwoni|oddzwoni)\W+(?:sie\W+)?(?:ktos|ktokolwiek)`,
      String.raw`nikt\W+(?:(?:sie|jeszcze|nadal|dalej|wciaz|mi|do\W+mnie|nie)\W+)*(?:odezwal|odpisal|odpowiedzial|zadzwonil|oddzwonil|skontaktowal|zajal|odzywa|odpisuje|odpowiada|dzwoni|oddzwania|czyta|reaguje|kontaktuje)`,
      String.raw`(?:dalej|nadal|wciaz|ciagle)\W+(?:czekam|czekamy|cisza|nic|nikt|otwart\p{L}*)`,
      String.raw`(?:ile|jak\W+dlugo|dlugo)\W+(?:(?:to|jeszcze|mozna|mam|mamy|bedzie|trzeba)\W+)*(?:potrwa|czekac|trwa)`,
      String.raw`kiedy\W+(?:(?:moge|mozemy|mozna)\W+)?(?:sie\W+)?(?:spodziewac|oczekiwac)`,
      String.raw`kiedy\W+(?:ktos\W+)?(?:bedzie\W+)?(?:poprawka|naprawa|rozwiazanie|odpowiedz|kontakt)`,
      String.raw`co\W+jest\W+grane|co\W+sie\W+dzieje`,
      String.raw`czy\W+(?:konsultant|technik|ktos|wy)\W+(?:juz\W+)?(?:cos\W+)?(?:sprawdzil|widzial|zajal|patrzyl)`,
      String.raw`(?:ogarniecie|naprawicie|rozwiazecie|zalatwicie)`,
      // Time gone by with nothing heard: "minęła doba", "czekam już 3 dzień", "been a while", "it's day 3".
      String.raw`(?:minel\p{L}*|mija\p{L}*)\W+(?:juz\W+)?(?:[\p{L}\p{N}]+\W+)?(?:doba|doby|dzien|dni|dnia|godzin\p{L}*|tydzien|tygodni\p{L}*)`,
      String.raw`czekam\W+(?:juz\W+)?(?:\p{N}+|od|caly|cala|kolejn\p{L}*|drugi|trzeci)`,
      String.raw`been\W+(?:a\W+while|\p{N}+|days|hours|a\W+day|a\W+week|two|three)|it\W*s\W+day\W+\p{N}+`,
      // Nothing heard: "żadnego telefonu", "brak odpowiedzi", "not received any answer", "why no one answer".
      String.raw`zadnego\W+(?:maila|telefonu|kontaktu|odzewu|odzewu)|bez\W+(?:odpowiedzi|odzewu)|brak\W+(?:odpowiedzi|kontaktu|odzewu)`,
      String.raw`(?:not|never)\W+(?:yet\W+)?(?:received|got|had|heard)\W+(?:(?:any|an|a|back)\W+)?(?:answer|reply|response|call|email|word|anything)|why\W+no\W*(?:one|body)`,
      // A reminder or a check-in: "uprzejmie przypominam się", "just following up", "checking in".
      String.raw`przypominam\W+sie|following\W+up|follow\W+up\W+on|checking\W+in`,
      // How it goes, with the problem named: "any progress on the mailbox issue?", "jak postępy?", "prosze o info co z tym".
      String.raw`(?:any|some)\W+(?:news|progress|updates?)|jak\W+(?:tam\W+)?postep\p{L}*|jakie\p{L}*\W+postep\p{L}*|co\W+z\W+tym\W*$`,
      String.raw`kiedy\W+(?:(?:to|bedzie|wreszcie|w\W+koncu|ona|on)\W+)*(?:dzialac|zadziala|ruszy|naprawione|gotowe)`,
      String.raw`(?:liczyc|czekac)\W+na\W+(?:\p{L}+\W+)?(?:odpowiedz|kontakt|telefon)`,
      // Anyone there, reading it, handling it: "ktoś to w ogóle czyta?", "halo, ktoś tam jest?".
      String.raw`(?:ktos|ktokolwiek)\W+(?:(?:to|w\W+ogole|tam|tu|tutaj)\W+)*(?:czyta|ogarnia|widzi|jest)|jest\W+(?:tu|tam|tutaj)\W+(?:ktos|ktokolwiek)|(?:any|some)(?:one|body)\W+(?:even\W+)?(?:reading|there)`,
      String.raw`(?:somebody|someone|anyone|ktos)\W+(?:\p{L}+\W+)?(?:close|closed|zamknal)|ile\W+(?:mozna|jeszcze)`,
      // Why it takes so long, whether it arrived or got stuck, forgotten: "czemu nikt nie odpisuje",
      // "can you at least confirm you received it?", "chyba o mnie zapomnieliście", "3 days and not a single reply".
      String.raw`(?:dlaczego|czemu)\W+(?:(?:to|tak|jeszcze|wciaz|nadal)\W+)*(?:dlugo|trwa|nikt|nic)|why\W+(?:is|does)\W+(?:this|it)\W+(?:taking|take)|taking\W+(?:so|this|that)\W+long`,
      String.raw`(?:potwierdz|confirm)\p{L}*\W+(?:\p{L}+\W+){0,4}?(?:dotarl|otrzymal|dostal|przyjel|received|got)\p{L}*|(?:did|have)\W+you\W+(?:even\W+)?(?:get|got|receive|received|seen)\W+(?:it|my|this|the)`,
      String.raw`(?:sprawa|zgloszenie|ticket|case|request)\W+(?:\p{L}+\W+){0,3}?(?:utknel\p{L}*|stuck|zaginel\p{L}*|got\W+lost)|where\W+(?:things|it|we|this|that|matters)\W+stand\p{L}*`,
      String.raw`zapomnie\p{L}*\W+o\W+(?:mnie|nas|mojej|moim|naszej|naszym|zgloszeniu|sprawie)|o\W+(?:mnie|nas)\W+(?:\p{L}+\W+)?zapomnie\p{L}*|forgot(?:ten)?\W+(?:about\W+)?(?:me|us|my|our)`,
      String.raw`not\W+(?:(?:a|one|single|even)\W+)+(?:reply|word|response|answer|call|email)|ani\W+(?:(?:jednej|jednego|jednym)\W+)?(?:odpowiedzi|slowa|telefonu|maila|odzewu)|zero\W+(?:odpowiedzi|kontaktu|odzewu|reply|replies|response|contact)`,
      // Days counted, a promise not kept, an update or escalation asked for: "trzeci dzień czekania",
      // "we're on day 4", "no reply since Monday", "mieliście oddzwonić do 14", "jakiś update?".
      String.raw`(?:drugi|trzeci|czwarty|piaty|kolejny|\p{N}+)\W+(?:dzien|doba)\W+(?:czekania|ciszy|bez\W+\p{L}+)|(?:on|another)\W+day\W+(?:\p{N}+|of\W+(?:silence|waiting))`,
      String.raw`no\W+(?:reply|replies|response|answer|word|news)\W+(?:since|yet|for)|od\W+\p{N}+\W*(?:h|godz\p{L}*|dni)\W+(?:\p{L}+\W+){0,2}?(?:nikt|cisza|czekam\p{L}*)`,
      String.raw`(?:mieliscie|mial\p{L}*|obiecal\p{L}*|were\W+supposed\W+to|was\W+supposed\W+to|promised\W+to)\W+(?:\p{L}+\W+)?(?:oddzwonic|zadzwonic|odpisac|odpowiedziec|wrocic|sie\W+odezwac|call|get\W+back|reply|come\W+back)`,
      String.raw`jakis\W+(?:update|apdejt|termin)|prosze\W+o\W+(?:aktualizacj\p{L}*|eskalacj\p{L}*)|eskaluj\p{L}*|(?:please|pls|can\W+you|could\W+you|i\W+want\W+to|i\W+d\W+like\W+to)\W+escalate|hear(?:ing)?\W+back|zdazyl\p{L}*\W+(?:juz\W+)?(?:przejrzec|sprawdzic|zobaczyc|spojrzec|zerknac)|(?:get|got|had)\W+a\W+chance\W+to\W+(?:look|check|review)`,
      // Calling into the silence: "…dziś mamy czwartek. Halo?", "macie tam w ogóle jakichś ludzi?", "no i co dalej".
      String.raw`(?:halo+|hello+|hallo)\W*\?+\W*$|macie\W+(?:tam\W+)?(?:w\W+ogole\W+)?(?:jakich\p{L}*\W+)?(?:ludzi|kogos|konsultant\p{L}*)|(?:i|no\W+i|a)\W+co\W+dalej|wiesci`,
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}])`,
  'u',
);

/**
 * Whether a message in a ticket's thread asks how the ticket goes: a progress ask
 * ("czy ktoś już nad tym pracuje?"), a bare "any news?", or waiting on the desk ("nadal nikt się
 * nie odezwał", "when can I expect a reply?"). Wider than asksProgress: in the thread the ticket is
 * known, and showing its status to a message that was only for the agent costs one extra reply.
 */
export function asksAfterTicket(text: string): boolean {
  const folded = fold(text);
  return PROGRESS.test(folded) || WAITING.test(folded) || asksNewsAlone(text);
}

/**
 * Words that name a ticket, a report of a problem, the customer's own ("mojej sprwie": typed in
 * haste) or someone handling it ("kiedy ktoś się odezwie?"), in Polish and English.
 */
const TICKET_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:zglos\p{L}*|zglasz\p{L}*|zgloszen\p{L}*|spraw\p{L}*|reklamacj\p{L}*|ticket\p{L}*|case|cases|request\p{L}*|report\p{L}*|raised|opened|filed|issue\p{L}*|problem\p{L}*|sr|stat\p{L}*|staus|moj\p{L}*|nasz\p{L}*|my|our|ktos|someone|odezw\p{L}*|czekam|waiting)(?![\p{L}\p{N}])`,
  'u',
);

/** Whether the message names a ticket, a reported problem or something of the customer's ("co z moim zgłoszeniem?", "any news on my case?"). */
export function mentionsTickets(text: string): boolean {
  return TICKET_WORDS.test(fold(text));
}

/**
 * Something that does not work, said in Polish: a verb denied ("outlook nie wysyła", "word nie
 * zapisuje plików", "faktura się nie zgadza"; not "nie wiem", "nie potrzebuję", "nie trzeba", "nie
 * ma sprawy", an order such as "nie kontynuuj", nor "jednak nie…", which call something off), or
 * a word of a fault ("teams się wiesza", "konto zablokowane", "wszystko nam padło", "błąd").
 */
const POLISH_FAULT = String.raw`(?<!jednak\W+)nie\s+(?:(?:sie|mi|nam|mu|jej|im|juz|wcale|dalej|nadal|znowu)\s+)*(?!wiem|rozumiem|jestem|jestesmy|potrzebuj|chce|chcemy|pamietam|\p{L}*eba(?![\p{L}])|ma\W+(?:problemu|sprawy|pospiechu|za\W+co)|\p{L}*j(?:cie|my)?(?![\p{L}]))\p{L}{3,}|nie\W+da\W+sie|(?:blad|bledy|bledu|awari\p{L}*|padl\p{L}*|pada|wiesza|zawiesza\p{L}*|zawiesil\p{L}*|wylogowuje|wyrzuca|wywala|zablokowan\p{L}*|zablokowal\p{L}*|znikn\p{L}*|znika\p{L}*|usunal\p{L}*|usunel\p{L}*|skasowal\p{L}*|zepsul\p{L}*|zepsut\p{L}*|przestal\p{L}*|crash\p{L}*|sypie\W+sie|nie\W+tak|problem\p{L}*|klopot\p{L}*|wygasl\p{L}*|swiruj\p{L}*|szwankuj\p{L}*|zamula\p{L}*|muli|laguje)`;
/** The same in English: "teams won't load", "can't log in", "invites not arriving", "sso login broken", "teams keeps crashing". */
const ENGLISH_FAULT = String.raw`(?:can\W*t|cannot|can\W+not|won\W*t|isn\W*t|aren\W*t|doesn\W*t|didn\W*t|haven\W*t|hasn\W*t|wasn\W*t|unable\W+to)(?!\W+(?:know|understand|remember|recall|tell|wait|find\W+(?:the\W+)?(?:answer|info)))|not\W+\p{L}+ing|keeps?\W+\p{L}+ing|broken|broke|down|error|errors|fail\p{L}*|crash\p{L}*|stopped|frozen|freez\p{L}*|lost|disappeared|missing|rejecting|bouncing|blocked|locked\W+out|hangs|hanging|expired|problem|problems|issue|issues|outage|outages|glitch\p{L}*|acting\W+up`;
/**
 * What makes a fault no new problem for an agent: a ticket named ("dopisz do zgłoszenia, że błąd
 * wrócił"), the problem gone ("problem sam się rozwiązał", "fixed itself"), the bot itself ("ten
 * bot nie pomaga"), or a purpose ("żeby nie dublować").
 */
const NOT_A_NEW_PROBLEM = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${A_TICKET_NAMED}|zglszen\p{L}*|zglosz\p{L}*|wniosk\p{L}*|rozwiaz\p{L}*|naprawil\p{L}*|solved|fixed|resolved|bot|bota|botem|(?:zeby|aby|by)\W+nie)(?![\p{L}\p{N}])`,
  'u',
);
const FAULT = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${POLISH_FAULT}|${ENGLISH_FAULT})(?![\p{L}\p{N}])`, 'u');

/**
 * Whether the message reports something that does not work, as a statement ("teams się wiesza",
 * "calendar invites not arriving"): a problem to take to an agent when the knowledge base has
 * nothing on it, whatever its few words make the classifier think ("konto zablokowane" was a
 * "cancel", "wszystko nam padło" a "thanks").
 */
export function reportsProblem(text: string): boolean {
  const folded = fold(text);
  return !readsAsQuestion(text) && FAULT.test(folded) && !NOT_A_NEW_PROBLEM.test(folded) && !ticketIdIn(text);
}

/** One of the person's own tickets named: "moje zgłoszenie", "naszej sprawy", "my ticket", "status zgłoszenia", "SR-7781". */
const OWN_TICKET = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:sr\W?\d|(?:moj|moja|moje|mojego|mojej|moim|moich|nasz|nasza|nasze|naszego|naszej|naszym|naszych|my|our|status\p{L}*|stan)\W+(?:\p{L}+\W+)?(?:zglosz|ticket|spraw|case|request|reklamacj))`,
  'u',
);

/** Whether the message names one of the person's own tickets, by its id or in words ("co z moim zgłoszeniem", "status of our case"). */
export function namesOwnTicket(text: string): boolean {
  return ticketIdIn(text) !== null || OWN_TICKET.test(fold(text));
}

/** Who may be answering: a bot, a person, a machine. */
const WHO = String.raw`(?:a\W+|an\W+|the\W+)?(?:bot|botem|chatbot\p{L}*|czatbot\p{L}*|automat|automatem|robot\p{L}*|maszyn\p{L}*|ai|sztuczn\p{L}*\W+inteligencj\p{L}*|czlowiek|czlowiekiem|zyw\p{L}*\W+czlowiek\p{L}*|prawdziw\p{L}*\W+osob\p{L}*|osob\p{L}*|konsultant\p{L}*|human|person|real(?:\W+(?:person|human))?|live\W+(?:person|agent)|machine|someone\W+real|automated)`;
/** Asking who answers: "rozmawiam z botem czy z człowiekiem?", "czy jesteś botem?", "is this automated?". */
const WHO_ANSWERS = new RegExp(
  String.raw`^(?:czy\W+)?(?:(?:ja\W+)?(?:rozmawiam|pisze|gadam|czatuje)\W+(?:teraz\W+)?z\W+${WHO}|(?:jestes|to\W+jest|to|ty\W+jestes)\W+${WHO}|(?:am\W+i|are\W+we)\W+(?:talking|chatting|speaking|writing)\W+(?:to|with)\W+${WHO}|are\W+you\W+${WHO}|is\W+this\W+(?:chat\W+)?${WHO}|${WHO}\W+(?:czy|or)\W+${WHO})(?:\W+(?:czy|or)\W+(?:z\W+)?${WHO})?(?:\W+(?:tu|tutaj|here|there|teraz|now))?\W*$`,
  'u',
);

/**
 * Whether the message only asks who answers, after a greeting at most ("Dzień dobry, rozmawiam z
 * botem czy z człowiekiem?", "am I talking to a bot or a real person?"). Wanting a person ("chcę
 * rozmawiać z człowiekiem") is no such question.
 */
export function asksWhoAnswers(text: string): boolean {
  const folded = fold(text);
  return WHO_ANSWERS.test(folded.slice(greetingLength(folded)).trimStart());
}

/**
 * Before an announced question: "jest ktoś?", "hello? anyone there?", "czy rozmawiam z
 * konsultantem?", "Szanowni Państwo", "przepraszam", "got a sec?".
 */
const PREAMBLE = String.raw`hello|halo|helo|hey|hi|dobry|szanown\p{L}*(?:\W+panstw\p{L}*)?|(?:czy\W+)?(?:jest\W+(?:tu\W+|tam\W+)?ktos|ktos\W+(?:tu\W+)?(?:jest|odpisze|odpowie)|rozmawiam\W+z\W+\p{L}+)|(?:is\W+)?(?:any(?:one|body)|some(?:one|body))\W+(?:there|here|around)|is\W+this\W+(?:chat\W+)?(?:live|a\W+bot|a\W+human|real|the\W+right\W+place)|are\W+you\W+(?:a\W+)?(?:bot|human|real|there)|got\W+a\W+(?:sec|second|minute|moment)|(?:jest\W+)?sprawa(?:\W+jest)?|(?:czy\W+)?ktos\W+(?:mi\W+)?(?:pomoze|odpisze|odpowie)|(?:masz|macie|ma\W+pan|ma\W+pani)\W+chwil\p{L}*|nie\W+wiem\W+czy\W+dobrze\W+trafil\p{L}*(?:\W+ale)?|dear\W+(?:sir|madam|sir\W+or\W+madam|team|support)|przepraszam|excuse\W+me|sorry|prosze\W+pana|prosze\W+pani|(?:uprzejmie\W+)?prosze\W+o\W+chwil\p{L}*(?:\W+uwagi)?`;
/** Whom a question is for: "(do) Państwa", "(do) działu wsparcia", "(for) you". */
const ADDRESSEE = String.raw`was|wam|pana|pani|panstwa|ciebie|cie|you|u|konsultanta|dzialu\W+\p{L}+|wsparcia|supportu|pomocy`;
/** A question named: "pytanie", "pytanko", "zapytanie", "question", "q", "query". */
const QUESTION_NOUN = String.raw`pytan\p{L}*|zapytan\p{L}*|question|questions|q|qs|query|queries`;
/** Had rather than asked: "mam sprawę", "mam pewną wątpliwość", "nurtuje mnie jedna kwestia". */
const MATTER_NOUN = String.raw`sprawe|sprawa|kwesti\p{L}*|watpliwos\p{L}*`;
/** Having a question: "mam", "I've got". */
const HAVING = String.raw`mam|mamy|mialbym|mialabym|jest|i\W+have|i\W+ve\W+got|i\W+ve|i\W+got|we\W+have|got|have|there\W+s|for`;
/** Before the noun: "(do was) (jedno krótkie)", "a quick". */
const NOUN_QUALIFIERS = String.raw`(?:(?:do\W+(?:${ADDRESSEE})|jedno|jeszcze|takie|krotkie|szybkie|male|malutkie|drobne|ogolne|pewne|pewna|pewnej|kilka|pare|dwa|a|one|another|some|few|couple|of|quick|short|small|simple|general|little)\W+)*`;
/** Wanting or being allowed to ask: "chciałbym", "czy mogę", "I'd like", "can I", "need". */
const WANTING = String.raw`(?:czy\W+)?(?:chcial\p{L}*|chce|chcemy|moge|mozna|moglbym|moglabym|moglibysmy|pragne|potrzebuje|potrzebowal\p{L}*|szukam|musze|i\W+must|i\W*d|i\W+would|i\W+want(?:ed)?|i\W+was\W+hoping|i\W+need|need|wanna|we\W*d|we\W+would|just\W+want(?:ed)?|(?:can|could|may)\W+i(?:\W+just)?)`;
/** Between wanting and asking: "się", "o coś", "jedną rzecz", "uzyskać pewną", "like to". */
const WANTING_FILLER = String.raw`ja|je|go|sie|was|cie|ciebie|pana|pania|panstwa|tylko|jeszcze|o|cos|szybko|czegos|jedna|jedno|rzecz|pewna|pewnej|pewne|jakas|jakies|uzyskac|otrzymac|like|to|just|some|a|bit`;
/** Asking or finding out: "zapytać", "dowiedzieć się", "uzyskać informację", "prosić o odpowiedź", "ask", "know". */
const ASKING = String.raw`zapytac|spytac|dopytac|podpytac|wyjasnic|zadac\W+(?:\p{L}+\W+)?pytan\p{L}*|dowiedziec(?:\W+sie)?|upewnic(?:\W+sie)?|wiedziec|informacj\p{L}*|prosic\W+o\W+(?:\p{L}+\W+)?(?:informacj\p{L}*|odpowiedz|wyjasnieni\p{L}*)(?:\W+na\W+(?:\p{L}+\W+)?pytan\p{L}*)?|odpowiedziec\W+na\W+(?:\p{L}+\W+)?pytan\p{L}*|doprecyzowac|potwierdzic|ask|know|find\W+out|enquire|inquire|learn|check|clarify|confirm|info\p{L}*`;
/** Announcing in other words: "interesuje mnie", "mam wątpliwość", "piszę w sprawie", "wondering", "something to ask". */
const ANNOUNCED_OTHERWISE = String.raw`zadac(?:\W+(?:\p{L}+\W+)?pytan\p{L}*)?|zapytac|spytac|dopytac|podpytac|zapytam|spytam|ask|enquire|inquire|interesuje\W+mnie|ciekawi\W+mnie|zastanawiam\W+sie|nurtuje\W+mnie|(?:a\W+)?quick\W+one|(?:i\W+am|i\W*m)\W+writing\W+(?:with|about|regarding)|zwracam\W+sie\W+z\W+(?:\p{L}+\W+)?(?:pytaniem|prosba)|jestem\W+ciekaw\p{L}*|mam\W+watpliwos\p{L}*|(?:pisze|zwracam\W+sie)\W+(?:z\W+pytaniem|w\W+sprawie|odnosnie)|(?:i\W*m|i\W+am|i\W+was|just)\W+(?:wondering|curious)|wondering|curious|(?:(?:i\W+ve\W+got|i\W+have|i\W+got|got|have)\W+)?(?:something|sth|smth|a\W+thing|one\W+thing|a\W+few\W+things|some\W+things)\W+to\W+ask`;
const ASKING_WANTED = `${WANTING}\\W+(?:(?:${WANTING_FILLER})\\W+)*(?:${ASKING})`;
/** Words that announce a question, in Polish and English. */
const ANNOUNCEMENT = `(?:(?:${HAVING})\\W+)?${NOUN_QUALIFIERS}(?:${QUESTION_NOUN})|(?:${HAVING})\\W+${NOUN_QUALIFIERS}(?:${MATTER_NOUN})|${ASKING_WANTED}|${ANNOUNCED_OTHERWISE}`;
/** The same closing a message, where a bare "pytania?" lists what the bot does rather than announcing one. */
const CLOSING_ANNOUNCEMENT = `(?:${HAVING})\\W+${NOUN_QUALIFIERS}(?:${QUESTION_NOUN})|${ASKING_WANTED}|${ANNOUNCED_OTHERWISE}`;
/** What may follow an announcement and says nothing of the question: "do Państwa", "o coś", "się pojawiło", "if I may", "real quick". */
const ANNOUNCEMENT_FILLER = String.raw`(?:do|to|for)\W+(?:${ADDRESSEE})|was|wam|pana|pani|panstwa|ciebie|cie|you|u|o|cos|czegos|kilka|pare|rzeczy|rzecz|jedna|sprawe|kwestie|something|sth|smth|a|few|things|mozna|moge|czy|if|jesli|jezeli|i|may|can|please|prosze|ok|jedno|one|mam|have|tylko|only|sie|pojawil\p{L}*|nasunel\p{L}*|jest|takie|for|real|quick|quickly|really|szybko|szybciutko|sec|second|minute|pls|plz|tu|tutaj|here|them|je|ja|that|s|alright|okay|all\W+right|fine|possible|mozliwe|co\W+do|jednej|jedna|rzeczy|rzecza|nad|pewnej|pewna|kwestii|uprzejma|prosba|wyjasnienie|o\W+pomoc|licze\W+na\W+(?:wasza\W+|panstwa\W+)?pomoc`;
const ANNOUNCED_OPENING = new RegExp(
  String.raw`^\W*(?:(?:${PREAMBLE})\W+)*(?:${ANNOUNCEMENT})(?:\W+(?:${ANNOUNCEMENT_FILLER}))*(?![\p{L}\p{N}])`,
  'u',
);
/**
 * "…, mam pytanie" closing what the message is about ("Interesuje mnie pomoc przedsprzedażna, mam
 * pytanie"). Only spaces after the mark: any \W there would make a long run of punctuation cost
 * its length squared.
 */
const ANNOUNCED_CLOSING = new RegExp(String.raw`[,.;:!?–—-]\s*(?:${CLOSING_ANNOUNCEMENT})(?:\W+(?:${ANNOUNCEMENT_FILLER}))*\W*$`, 'u');
/** Words around an announcement that ask nothing ("hello? anyone there, got a q"). */
const NOTHING_ASKED = new RegExp(String.raw`^(?:\W*(?:${PREAMBLE}|${ANNOUNCEMENT_FILLER})(?![\p{L}\p{N}]))*\W*$`, 'u');
/** What joins an announcement to its topic: "o", "odnośnie", "w sprawie", "about", "regarding". */
const TOPIC_JOINER = new RegExp(
  String.raw`^\W*(?:(?:o|odnosnie|w\W+sprawie|ws|dotyczace|dotyczacych|dot|na\W+temat|co\W+do|about|regarding|re|on|concerning|related\W+to|with\W+regards?\W+to|in\W+regards?\W+to)(?![\p{L}\p{N}]))?`,
  'u',
);

/**
 * What a message that announces a question asks ("witam, chciałbym zapytać o skype" -> "skype";
 * "mam pytanie, ile minut…" -> "ile minut…"), '' when the question is still to come ("hej, jest
 * ktoś? mam pytanko", "can I ask you something?"); undefined when the message announces none.
 */
export function questionAnnounced(text: string): string | undefined {
  const folded = fold(text);
  let start = 0;
  let end = folded.length;
  let announced = false;
  for (let opening = true; opening;) {
    start += greetingLength(folded.slice(start));
    const found = ANNOUNCED_OPENING.exec(folded.slice(start));
    opening = !!found?.[0];
    if (found) start += found[0].length;
    announced ||= opening;
  }
  const closing = ANNOUNCED_CLOSING.exec(folded.slice(start));
  if (closing) end = start + closing.index;
  // "Przepraszam, że zawracam głowę, ale potrzebuję porady": announced in words no pattern knows.
  if (!announced && !closing) return asksWithoutSaying(folded) ? '' : undefined;
  const rest = folded.slice(start, end);
  if (NOTHING_ASKED.test(rest) || saysNothing(rest)) return '';
  start += TOPIC_JOINER.exec(rest)![0].length;
  // fold keeps the length of most text; where it does not, the folded words are returned.
  const asked = folded.length === text.length ? text.slice(start, end) : folded.slice(start, end);
  return asked.replace(/^[\W_]+/u, '').trimEnd();
}
