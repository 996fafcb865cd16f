import type { TeamsPackageConfig } from '../../common/config';
import { t, type Locale } from '../i18n';

export const DEFAULT_LANGUAGE: Locale = 'pl';
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const ENGLISH_FILE = 'en-us.json';

const COMMANDS = [
  { title: { pl: 'pomoc', en: 'help' }, key: 'teams.command.help' },
  { title: { pl: 'rozmowa z człowiekiem', en: 'talk to a person' }, key: 'teams.command.human' },
  { title: { pl: 'moje zgłoszenia', en: 'my tickets' }, key: 'teams.command.myTickets' },
] as const;

/**
 * The Teams app manifest (schema 1.16): the bot in personal and team scopes, its command menu,
 * Polish by default with an English localisation file.
 */
export function teamsManifest(settings: TeamsPackageConfig): Record<string, unknown> {
  const pl = DEFAULT_LANGUAGE;
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json',
    manifestVersion: '1.16',
    version: settings.version,
    // The app id may differ from the bot's; by default one registration serves both.
    id: settings.teamsAppId ?? settings.appId,
    developer: {
      name: settings.developerName,
      websiteUrl: settings.websiteUrl,
      privacyUrl: settings.privacyUrl,
      termsOfUseUrl: settings.termsUrl,
    },
    name: { short: t(pl, 'teams.name.short'), full: t(pl, 'teams.name.full') },
    description: { short: t(pl, 'teams.description.short'), full: t(pl, 'teams.description.full') },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: '#2B579A',
    bots: [
      {
        botId: settings.appId,
        scopes: ['personal', 'team'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team'], commands: COMMANDS.map((c) => ({ title: c.title.pl, description: t(pl, c.key) })) }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
    localizationInfo: {
      defaultLanguageTag: 'pl-pl',
      additionalLanguages: [{ languageTag: 'en-us', file: ENGLISH_FILE }],
    },
  };
}

/** The manifest's texts in English (a Teams localisation file). */
export function englishLocalisation(): Record<string, string> {
  const en: Locale = 'en';
  const texts: Record<string, string> = {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.Localization.schema.json',
    'name.short': t(en, 'teams.name.short'),
    'name.full': t(en, 'teams.name.full'),
    'description.short': t(en, 'teams.description.short'),
    'description.full': t(en, 'teams.description.full'),
  };
  COMMANDS.forEach((c, i) => {
    texts[`bots[0].commandLists[0].commands[${i}].title`] = c.title.en;
    texts[`bots[0].commandLists[0].commands[${i}].description`] = t(en, c.key);
  });
  return texts;
}
