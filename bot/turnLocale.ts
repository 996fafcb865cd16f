import type { TurnContext } from 'botbuilder';
import type { Locale } from './i18n';

const LOCALE_KEY = Symbol('deskLocale');

/** The language chosen for this turn (set once by the bot at the start of the turn). */
export function localeOf(context: TurnContext): Locale {
  return (context.turnState.get(LOCALE_KEY) as Locale | undefined) ?? 'pl';
}

export function setTurnLocale(context: TurnContext, locale: Locale): void {
  context.turnState.set(LOCALE_KEY, locale);
}
