import { fold } from '../common/text';
import { topicWords } from '../knowledge';

/** Openings of a message that goes on from the question before it: "a w Niemczech?", "i w weekend?", "and for Family?", "ok, a w weekend?". */
const OPENING = /^\s*(?:(?:ok|okay|okej|dobra)\W+)?(?:a|i|oraz|ale|to|albo|and|but|also|or|so|what about|how about)\b/;
/** Words that ask (how many, when, where): the follow-up's own say what it asks, not the previous question's. */
const QUESTION_WORDS =
  /(?<![\p{L}\p{N}])(?:czy|ile|ilu|jak\p{L}*|kiedy|gdzie|sk[aą]d|kto|kogo|co|dlaczego|czemu|kt[oó]r\p{L}*|how|many|much|what|when|where|who|which|why|is|are|do|does|can)(?![\p{L}\p{N}])/giu;
/** Longest follow-up, in words: a longer message says what it asks by itself. */
const LONGEST_WORDS = 6;
/** A bare phrase asked after an answer ("w weekend?", "Family?") is a follow-up up to this length. */
const LONGEST_BARE_WORDS = 3;

/**
 * Asking to do something (folded): "a mogę porozmawiać z konsultantem?", "czy da się to zgłosić?",
 * "can I talk to someone about it?" are requests, however they open; "a w nocy też mogę
 * zadzwonić?" asks about a fact.
 */
const ASKS_TO_DO =
  /(?<![\p{L}\p{N}])(?:moge|mozna|mozesz|mozecie|moglby\p{L}*|chce|chcial\p{L}*|prosze|da sie|can i|could i|may i|can you|could you|i want|i d like|i would like|i need)(?:\W+\p{L}+){0,4}?\W+(?:porozmawia\p{L}*|rozmawia\p{L}*|pogada\p{L}*|omowi\p{L}*|zglosi\p{L}*|zglasza\p{L}*|zalozy\p{L}*|zaklada\p{L}*|otworzy\p{L}*|skontaktowa\p{L}*|kontakt\p{L}*|polaczy\p{L}*|talk|speak|chat|discuss|open|report|file|raise|contact|escalate|reach)(?![\p{L}\p{N}])/u;
/** Doing it already ("to zakładam zgłoszenie", "zgłaszam problem B"), or wanting a person or one's own ticket. */
const A_REQUEST =
  /(?<![\p{L}\p{N}])(?:zakladam|zglaszam|otwieram|i m opening|i am opening|i m reporting|(?:z|with|to)\W+(?:a\W+)?(?:pracownik|konsultant|czlowiek|osob|agent|doradc|specjalist|person|human|someone|somebody|consultant)\p{L}*|(?:moj|moim|moje|mojego|mojej|moich|nasz\p{L}*|my|our)\W+(?:\p{L}+\W+)?(?:zgloszen\p{L}*|ticket\p{L}*|request\p{L}*|case\p{L}*))(?![\p{L}\p{N}])/u;

/** Words that point back at what was just said: "can i call 911 with them", "mozna to przeniesc". */
const POINTS_BACK =
  /(?<![\p{L}\p{N}])(?:to|tego|temu|tym|ten|ta|te|tej|ich|je|nich|nim|niej|tam|tez|rowniez|wtedy|potem|it|its|they|them|their|that|those|these|there|then|ones|too|also|either)(?![\p{L}\p{N}])/u;
/** Longest message a hesitant reading still takes for a follow-up when it opens as one or points back. */
const LONGEST_LOOSE_WORDS = 12;

/**
 * The question a follow-up asks, read with the question answered before it ("Ile minut dostaję w
 * Personal?" then "a w Family?"), or undefined when the message is no follow-up: too long, a
 * request, or neither opened as one nor a bare phrase asked. `loose` is for a message that can
 * be read no other way (the classifier hesitates or hears small talk, or the base cannot answer
 * it alone): then up to 12 words opened as a follow-up or pointing back ("do they work if im
 * travelling in morocco") go on from the question before.
 */
export function questionInContext(text: string, previous: string | undefined, { loose = false } = {}): string | undefined {
  if (!previous) return undefined;
  const folded = fold(text);
  if (ASKS_TO_DO.test(folded) || A_REQUEST.test(folded)) return undefined;
  const words = folded.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words === 0 || words > (loose ? LONGEST_LOOSE_WORDS : LONGEST_WORDS)) return undefined;
  const opened = OPENING.test(folded) && (loose || words <= LONGEST_WORDS);
  const bare = text.includes('?') && words <= LONGEST_BARE_WORDS;
  const pointing = loose && POINTS_BACK.test(folded);
  if (!opened && !bare && !pointing) return undefined;
  return `${previous.replace(QUESTION_WORDS, ' ')} ${text}`;
}

/** Words that only a question has: "ile", "gdzie", "what", "how" (not "czy", "do", which a "nie do końca" has). */
const ASKING =
  /(?<![\p{L}\p{N}])(?:ile|ilu|jak|jaki\p{L}*|kiedy|gdzie|skad|kto|dlaczego|czemu|ktor\p{L}*|how|what|whats|when|where|who|which|why)(?![\p{L}\p{N}])/u;

/**
 * Whether a message goes on to ask something: opened as a follow-up ("ok and for Australia"),
 * asked, or with a word only questions have. "Bardzo pomocne, dziękuję" and "nie do końca" do not.
 */
export function goesOnToAsk(text: string): boolean {
  return opensAsFollowUp(text) || text.includes('?') || ASKING.test(fold(text));
}

/** Whether a message opens as one that goes on from the question before: "a w Family", "ok and for Australia". */
export function opensAsFollowUp(text: string): boolean {
  return OPENING.test(fold(text));
}

/** A follow-up that changes what the question before it was about: "a przy B?", "and for Family?", "what about landlines?". */
const ABOUT_SOMETHING_ELSE =
  /^\s*(?:(?:a|i|oraz|ale|albo|and|but|or)\s+(?:przy|dla|w|we|na|u|od|do|po|za|z|ze|for|in|on|at|from|with|without)|what about|how about)\b/;
/** Whose thing it is: "a przy moim zgłoszeniu?", "what about my tickets?" ask about the person's own, a request. */
const OWN = /(?<![\p{L}\p{N}])(?:m[oó]j\p{L}*|moi\p{L}*|mo[jy]\p{L}*|nasz\p{L}*|my|mine|our|ours)(?![\p{L}\p{N}])/u;

/**
 * Whether a follow-up asks the question before it about something else ("a przy zwykłych
 * zgłoszeniach?", "what about emergency calls?"): asked, opened with a word that moves the
 * question, and about nothing of the person's own (that is their tickets, a request).
 */
export function movesTheQuestion(text: string): boolean {
  const folded = fold(text);
  return (text.includes('?') || /^\s*(?:what|how) about\b/.test(folded)) && ABOUT_SOMETHING_ELSE.test(folded) && !OWN.test(folded);
}

/** Said to the bot itself: "a co jeszcze umiesz?", "ok, a jakie masz funkcje?", "and what can you do?". */
const TO_THE_BOT = /(?<![\p{L}\p{N}])(?:masz|mo[zż]esz|umiesz|potrafisz|robisz|jeste[sś]|ty|ciebie|tobie|you|your)(?![\p{L}\p{N}])/u;

/** Whether a message speaks to the bot ("what can you do?"), so it asks about the bot, not about the answer before. */
export function speaksToTheBot(text: string): boolean {
  return TO_THE_BOT.test(fold(text));
}

/** A grade as a text's words carry it: "sev A", "ważność B" become "aaaa", "bbbb" (see knowledge's `words`). */
const GRADE_WORD = /^([abc])\1{3}$/;
/** Words of a follow-up this short carry no meaning of their own ("a", "dla", "and"). */
const SHORTEST_MEANING = 4;

/**
 * Whether an answer found for a follow-up read in context speaks to what the follow-up adds: one
 * of its words other than question words (by its start, for Polish endings) is in the answer,
 * or it adds no word of meaning ("a dla C?", "a kiedy?"). Read with the question before it, a
 * follow-up often just finds that question's answer again, which says nothing about "a do kiedy
 * trzeba je wykorzystać?".
 */
export function answerSpeaksTo(followUp: string, answer: string): boolean {
  // Nor does a word that points back at the question before ("a co potem?", "do they expire?"),
  // nor a grade, which the answer names by its letter alone ("what about sev A?", as "a dla C?").
  const words = topicWords(followUp.replace(QUESTION_WORDS, ' ')).filter(
    (w) => w.length >= SHORTEST_MEANING && !POINTS_BACK.test(w) && !GRADE_WORD.test(w),
  );
  if (words.length === 0) return true;
  const answered = fold(answer);
  return words.some((w) => answered.includes(w.slice(0, Math.max(SHORTEST_MEANING, Math.ceil(w.length * 0.6)))));
}

/** Thanks or an acknowledgement opening a message, and what separates it from what follows. */
const THANKS_OPENING =
  /^\s*(?:(?:ok|okay|okej|oki|dobra|dzieki|dziekuje|thx|thanks|thank you|tnx|ty|spoko|super|great|cool|nice|fajnie|jasne|got it|makes sense|noted|rozumiem|aha|szkoda|damn|perfect|perfekcyjnie|swietnie)(?:\s+(?:wielkie|bardzo|a lot|so much|very much))?[\s,.!;:-]+)+/;

/**
 * A question word opening what follows the thanks, after an "and" or a preposition ("a z którego
 * konta…", "and when does it…", "whats the max…"); "that is what I needed" and "to wszystko" ask nothing.
 */
const ASKS_NEXT =
  /^(?:(?:a|i|oraz|ale|and|but|also|or|so)\s+)?(?:(?:z|ze|w|we|na|do|od|dla|po|przy|for|in|on|at|from|with|to)\s+)?(?:czy|ile|ilu|jak\p{L}*|kiedy|gdzie|skad|kto|kogo|dlaczego|czemu|ktor\p{L}*|co|how|what|whats|when|where|who|which|why|is|are|do|does|did|can|could|will|would|should|what about|how about)(?![\p{L}\p{N}])/u;
const ONLY_OK = /^[\s,.!;:-]*(?:(?:ok|okay|okej|oki|dobra)[\s,.!;:-]+)+$/;

/**
 * What a message asks after thanking for the answer ("dzięki, a ile kanałów można mieć max",
 * "ok thx, whats the max number of channels", "great thanks. how many countries can i call"),
 * or undefined when it asks nothing after the thanks ("dzięki, o to chodziło").
 */
export function afterThanks(text: string): string | undefined {
  const opening = THANKS_OPENING.exec(fold(text));
  // "ok, a w weekend?" opens as a follow-up (see OPENING): only an ok is no thanks to take off.
  if (!opening || ONLY_OK.test(opening[0])) return undefined;
  // Folding keeps every character's place: the rest is cut from the text as typed.
  const rest = text.slice(opening[0].length).trim();
  return rest && (rest.includes('?') || ASKS_NEXT.test(fold(rest))) ? rest : undefined;
}
