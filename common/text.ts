/**
 * Checks on customers' text that must stay linear in its length: a message can be long, and a
 * backtracking pattern such as /[.!?]+$/ retries every run of those characters from each of its
 * positions (a 64k-character message of dots once froze the service for 40 s).
 */

/** `text` without the run of `chars` at its end ("anuluj!!" -> "anuluj"), in one pass from the end. */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}
