import { LIMITS } from '../../ticketing';
import { SHORT_ANSWER_WORDS } from './choicePrompt';

/** The fewest characters a request's description has. */
export const MIN_DESCRIPTION = 10;

/** The text as a description of the problem: a sentence rather than a short answer, not a question, of a description's length. */
export function descriptionIn(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed || trimmed.endsWith('?') || trimmed.split(/\s+/).length <= SHORT_ANSWER_WORDS) return undefined;
  return trimmed.length >= MIN_DESCRIPTION && trimmed.length <= LIMITS.description ? trimmed : undefined;
}

/**
 * Messages that each told part of the problem as one description, a line each in the order
 * written; too long together, the first alone.
 */
export function descriptionOf(parts: (string | undefined)[]): string | undefined {
  const told = parts.filter((part): part is string => !!part);
  return descriptionIn(told.join('\n')) ?? descriptionIn(told[0]);
}
