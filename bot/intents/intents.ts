/** What a customer can want from the bot, in their own words. */
export const INTENTS = [
  'question',
  'open_ticket',
  'add_to_ticket',
  'ticket_status',
  'list_tickets',
  'talk_to_person',
  'cancel',
  'help',
  'thanks',
  'greeting',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Intents that start ticket work (verification first): a question must never land here unasked. */
export const TICKET_ACTIONS: ReadonlySet<Intent> = new Set([
  'open_ticket',
  'add_to_ticket',
  'ticket_status',
  'list_tickets',
  'talk_to_person',
]);

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
