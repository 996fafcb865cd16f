/**
 * The distinct questions one message asks: "jaki to będzie priorytet i kiedy się odezwiecie?"
 * asks the severity and the response times, "Ile to kosztuje? Gdzie to kupię?" a price and a
 * place. Each is ranked on its own beside the whole message (see SearchEngine.answer): ranked
 * as one, the half whose words score higher wins, and the entry answering the other half is
 * often not even shortlisted.
 */

/** Where a message's sentences end (its lines too). */
const SENTENCE_END = /(?<=[.!?…])\s+|\n+/u;
/** A question word, whole (JavaScript's \b would end "kto" inside "ktoś"). */
const QUESTION_WORD = String.raw`(?<![\p{L}\p{N}])(?:kiedy|gdzie|ile|ilu|jak|jaki|jaka|jakie|jakiego|jakiej|czy|co|kto|kogo|komu|dlaczego|czemu|skąd|skad|któr\p{L}*|ktor\p{L}*|when|where|how|what|who|which|why)(?![\p{L}\p{N}])`;
/**
 * A conjunction joining a second question to the first: "…i kiedy…", "…, a gdzie…", "…oraz
 * ile…", "…and when…". Only before a question word, so "minuty i kanały" stays one thing asked.
 */
const SECOND_QUESTION = new RegExp(String.raw`\s*,?\s+(?:i|oraz|a|and)\s+(?=${QUESTION_WORD})`, 'iu');
const ASKING = new RegExp(QUESTION_WORD, 'iu');

/**
 * The questions a message asks, when it asks two or more distinct ones; otherwise none. The
 * sentences with a question mark, or the whole message without one (its other sentences tell),
 * each parted where a conjunction leads to another question; a part that asks nothing ("Hej, a
 * jak…") is no question of its own.
 */
export function askedParts(message: string): string[] {
  const marked = message.split(SENTENCE_END).filter((s) => s.includes('?'));
  const parts = (marked.length > 0 ? marked : [message])
    .flatMap((s) => s.split(SECOND_QUESTION))
    .filter((s) => s.includes('?') || ASKING.test(s));
  return parts.length > 1 ? parts : [];
}
