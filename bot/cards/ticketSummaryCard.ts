import { CardFactory, type Attachment } from 'botbuilder';
import { t, type Locale, type MessageKey } from '../i18n';
import type { NewTicketInput } from '../../ticketing';

export const CONFIRM_TICKET = 'confirm_ticket';
export const CANCEL_TICKET = 'cancel_ticket';

/** The channels whose clients render Adaptive Cards with Action.Submit. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator']);

export function supportsAdaptiveCards(channelId: string): boolean {
  return CARD_CHANNELS.has(channelId);
}

function summaryFacts(
  draft: Omit<NewTicketInput, 'orgId' | 'adminId'>,
  orgName: string,
  locale: Locale,
): { title: string; value: string }[] {
  const contact = [draft.contact.email, draft.contact.phone].filter(Boolean).join(', ');
  return [
    { title: t(locale, 'summary.organisation'), value: orgName },
    { title: t(locale, 'summary.category'), value: t(locale, `category.${draft.category}` as MessageKey) },
    { title: t(locale, 'summary.grade'), value: t(locale, `grade.${draft.grade}` as MessageKey) },
    { title: t(locale, 'summary.description'), value: draft.description },
    { title: t(locale, 'summary.affected'), value: draft.affected },
    { title: t(locale, 'summary.contact'), value: contact },
    { title: t(locale, 'summary.preferred'), value: t(locale, draft.contact.preferred === 'email' ? 'choice.email' : 'choice.phone') },
  ];
}

/** The request about to be opened, for the administrator to confirm (Adaptive Card 1.4). */
export function ticketSummaryCard(draft: Omit<NewTicketInput, 'orgId' | 'adminId'>, orgName: string, locale: Locale): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: t(locale, 'summary.heading'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: summaryFacts(draft, orgName, locale) },
    ],
    actions: [
      { type: 'Action.Submit', title: t(locale, 'summary.confirm'), data: { action: CONFIRM_TICKET } },
      { type: 'Action.Submit', title: t(locale, 'summary.cancel'), data: { action: CANCEL_TICKET } },
    ],
  });
}

/** The same summary as plain text, for channels without cards. */
export function ticketSummaryText(draft: Omit<NewTicketInput, 'orgId' | 'adminId'>, orgName: string, locale: Locale): string {
  const lines = summaryFacts(draft, orgName, locale).map((f) => `${f.title}: ${f.value}`);
  return [t(locale, 'summary.heading'), ...lines, t(locale, 'summary.confirmText')].join('\n');
}
