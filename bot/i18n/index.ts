import type { Locale } from '../../common/locale';
import { messageCatalogue } from '../../common/messages';
import pl from './pl.json';
import en from './en.json';

export type { Locale };
export { detectLocale } from '../../common/locale';
export type MessageKey = keyof typeof pl;

const catalogue = messageCatalogue<MessageKey>(pl, en);

/** The message `key` in `locale`, with `{name}` placeholders filled from `vars` (Polish when English lacks it). */
export const t = catalogue.t;

/** The language a chat client asks for ('pl-PL', 'en-US', ...); anything else gets Polish. */
export function localeFromTag(tag: string | undefined): Locale | null {
  if (!tag) return null;
  const lang = tag.toLowerCase().split(/[-_]/)[0];
  return lang === 'en' ? 'en' : lang === 'pl' ? 'pl' : null;
}

/** Every message key, for the test that both catalogues say the same things. */
export const catalogueKeys = catalogue.keys;
