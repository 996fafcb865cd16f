import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { t, type Locale } from '../i18n';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the Teams app package is built from (environment variables, with placeholders). */
const settingsSchema = z.object({
  MicrosoftAppId: z.string({ required_error: 'is required: the Azure Bot registration\'s app id (a GUID)' }).trim().regex(GUID, 'must be the Azure Bot registration\'s app id (a GUID)'),
  TEAMS_APP_ID: z.string().trim().regex(GUID, 'must be a GUID').optional(),
  TEAMS_APP_VERSION: z.string().trim().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0').default('1.0.0'),
  TEAMS_DEVELOPER_NAME: z.string().trim().min(1).max(32).default('Support Desk'),
  TEAMS_WEBSITE_URL: z.string().trim().url().startsWith('https://', 'must be an https URL').default('https://example.com'),
  TEAMS_PRIVACY_URL: z.string().trim().url().startsWith('https://', 'must be an https URL').default('https://example.com/privacy'),
  TEAMS_TERMS_URL: z.string().trim().url().startsWith('https://', 'must be an https URL').default('https://example.com/terms'),
});

export type TeamsAppSettings = z.infer<typeof settingsSchema>;

export function teamsAppSettings(env: NodeJS.ProcessEnv): TeamsAppSettings {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = settingsSchema.safeParse(blankless);
  if (!parsed.success) throw new Error(`Cannot build the Teams app package: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

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
export function teamsManifest(settings: TeamsAppSettings): Record<string, unknown> {
  const pl = DEFAULT_LANGUAGE;
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json',
    manifestVersion: '1.16',
    version: settings.TEAMS_APP_VERSION,
    // The app id may differ from the bot's; by default one registration serves both.
    id: settings.TEAMS_APP_ID ?? settings.MicrosoftAppId,
    developer: {
      name: settings.TEAMS_DEVELOPER_NAME,
      websiteUrl: settings.TEAMS_WEBSITE_URL,
      privacyUrl: settings.TEAMS_PRIVACY_URL,
      termsOfUseUrl: settings.TEAMS_TERMS_URL,
    },
    name: { short: t(pl, 'teams.name.short'), full: t(pl, 'teams.name.full') },
    description: { short: t(pl, 'teams.description.short'), full: t(pl, 'teams.description.full') },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: '#2B579A',
    bots: [
      {
        botId: settings.MicrosoftAppId,
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
