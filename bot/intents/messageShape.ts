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

/**
 * Openings that ask for an example or a definition, put as a request or a bare noun phrase:
 * "Przykład problemu o średniej ważności", "podaj przykłady spraw krytycznych", "example of a
 * severity B problem", "definicja ważności A". Only at the start: "na przykład" and "for example"
 * inside a message describe the customer's own problem.
 */
const KNOWLEDGE_REQUEST =
  /^\s*(?:(?:podaj(?:cie)?|daj(?:cie)?|pokaz(?:cie)?|wymien(?:cie)?|prosze o|poprosze|jakis|jakies|jakikolwiek|give|show|me|any|some|an?)\s+)*(?:przyklad(?!owo)|example|definicj|definition|define)/;

/**
 * Whether the message is put as a question: a question mark, a question word first, or a
 * request for an example or a definition.
 */
export function readsAsQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  const folded = fold(text);
  return QUESTION_OPENING.test(folded) || KNOWLEDGE_REQUEST.test(folded);
}
