import { fold, greetingLength } from '../../common/text';

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

/** Words that open a question, in Polish and English. */
const QUESTION_OPENING =
  /^\s*(?:czy|kto|co|jak|jaki|jaka|jakie|jakiego|jakich|ile|kiedy|dlaczego|czemu|gdzie|ktory|ktora|ktore|po co|who|what|how|when|why|where|which|whose|is|are|does|do|can|could|may|should|will)\b/;

/** Whether the message is put as a question (a question mark, or a question word first). */
export function readsAsQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_OPENING.test(fold(text));
}
