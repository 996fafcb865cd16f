import { isLocale, type Locale } from '../../common/locale';

/** The chat page's own words; the conversation itself is the bot's (bot/i18n). */
export const pageTexts: Record<
  Locale,
  {
    title: string;
    product: string;
    tagline: string;
    intro: string;
    suggestionsTitle: string;
    suggestions: string[];
    chatLabel: string;
    connecting: string;
    failed: string;
    earlier: string;
    languageLabel: string;
    switchTo: string;
    webChatLocale: string;
  }
> = {
  pl: {
    title: 'Support Desk – czat pomocy Microsoft 365',
    product: 'Support Desk',
    tagline: 'Pomoc dla organizacji korzystających z Microsoft 365',
    intro:
      'Zadaj pytanie, a asystent odpowie z bazy wiedzy. Jeśli jesteś administratorem organizacji, asystent zweryfikuje Cię jednorazowym kodem PIN i otworzy zgłoszenie do konsultanta; jego odpowiedź pojawi się tutaj.',
    suggestionsTitle: 'Przykładowe pytania',
    suggestions: [
      'Jak połączyć konto Office z kontem Skype?',
      'Ile kanałów obsługuje Skype Connect?',
      'Jaki jest czas pierwszej odpowiedzi?',
      'Rozmowa z konsultantem',
    ],
    chatLabel: 'Czat z asystentem',
    connecting: 'Łączenie z asystentem…',
    failed: 'Nie udało się połączyć z asystentem. Odśwież stronę, aby spróbować ponownie.',
    earlier: 'Pokaż wcześniejsze wiadomości',
    languageLabel: 'Język',
    switchTo: 'Polski',
    webChatLocale: 'pl-PL',
  },
  en: {
    title: 'Support Desk – Microsoft 365 help chat',
    product: 'Support Desk',
    tagline: 'Help for organisations that use Microsoft 365',
    intro:
      "Ask a question and the assistant answers from the knowledge base. If you are an administrator of your organisation, the assistant verifies you with a one-time PIN and opens a support request for an agent; the agent's reply appears here.",
    suggestionsTitle: 'Try asking',
    suggestions: [
      'How do I link my Office account to Skype?',
      'What is the first response time for severity A?',
      'What are the support severity levels?',
      'Talk to a person',
    ],
    chatLabel: 'Chat with the assistant',
    connecting: 'Connecting to the assistant…',
    failed: 'Could not connect to the assistant. Reload the page to try again.',
    earlier: 'Show earlier messages',
    languageLabel: 'Language',
    switchTo: 'English',
    webChatLocale: 'en-US',
  },
};

/**
 * Polish unless asked otherwise: an explicit `?lang=` wins, then the browser's first language
 * (English only when it prefers English).
 */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'pl';
}
