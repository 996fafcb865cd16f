import { fold } from '../common/text';
import { topicWords } from '../knowledge';

/** Openings of a message that goes on from the question before it: "a w Niemczech?", "i w weekend?", "and for Family?", "ok, a w weekend?". */
const OPENING = /^\s*(?:(?:ok|okay|okej|dobra|no)\W+)?(?:a|i|oraz|ale|to|albo|and|but|also|or|so|what about|how about)\b/;
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
  /(?<![\p{L}\p{N}])(?:moge|mozna|chce|chcial\p{L}*|prosze|da sie|can i|could i|may i|can you|could you|i want|i d like|i would like|i need)(?:\W+\p{L}+){0,3}?\W+(?:porozmawia\p{L}*|rozmawia\p{L}*|pogada\p{L}*|zglosi\p{L}*|zglasza\p{L}*|zalozy\p{L}*|zaklada\p{L}*|otworzy\p{L}*|skontaktowa\p{L}*|kontakt\p{L}*|polaczy\p{L}*|talk|speak|chat|open|report|file|raise|contact|escalate|reach)(?![\p{L}\p{N}])/u;

/**
 * The question a follow-up asks, read with the question answered before it ("Ile minut dostaję w
 * Personal?" then "a w Family?"), or undefined when the message is no follow-up: too long, a
 * request, or neither opened as one nor a bare phrase asked.
 */
export function questionInContext(text: string, previous: string | undefined): string | undefined {
  if (!previous) return undefined;
  const folded = fold(text);
  if (ASKS_TO_DO.test(folded)) return undefined;
  const words = folded.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words === 0 || words > LONGEST_WORDS) return undefined;
  if (!OPENING.test(folded) && !(text.includes('?') && words <= LONGEST_BARE_WORDS)) return undefined;
  return `${previous.replace(QUESTION_WORDS, ' ')} ${text}`;
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
  return text.includes('?') && ABOUT_SOMETHING_ELSE.test(folded) && !OWN.test(folded);
}

/** Said to the bot itself: "a co jeszcze umiesz?", "ok, a jakie masz funkcje?", "and what can you do?". */
const TO_THE_BOT = /(?<![\p{L}\p{N}])(?:masz|mo[zż]esz|umiesz|potrafisz|robisz|jeste[sś]|ty|ciebie|tobie|you|your)(?![\p{L}\p{N}])/u;

/** Whether a message speaks to the bot ("what can you do?"), so it asks about the bot, not about the answer before. */
export function speaksToTheBot(text: string): boolean {
  return TO_THE_BOT.test(fold(text));
}

/** Words of a follow-up this short carry no meaning of their own ("a", "dla", "and"). */
const SHORTEST_MEANING = 4;
/** Words that point back at the question before ("a co potem?", "do they expire?"), not at something new. */
const POINTING_BACK = new Set(['then', 'them', 'they', 'those', 'these', 'also', 'either', 'ones']);

/**
 * Whether an answer found for a follow-up read in context speaks to what the follow-up adds: one
 * of its words other than question words (by its start, for Polish endings) is in the answer,
 * or it adds no word of meaning ("a dla C?", "a kiedy?"). Read with the question before it, a
 * follow-up often just finds that question's answer again, which says nothing about "a do kiedy
 * trzeba je wykorzystać?".
 */
export function answerSpeaksTo(followUp: string, answer: string): boolean {
  const words = topicWords(followUp.replace(QUESTION_WORDS, ' ')).filter((w) => w.length >= SHORTEST_MEANING && !POINTING_BACK.has(w));
  if (words.length === 0) return true;
  const answered = fold(answer);
  return words.some((w) => answered.includes(w.slice(0, Math.max(SHORTEST_MEANING, Math.ceil(w.length * 0.6)))));
}
