import { CardFactory, type Attachment } from 'botbuilder';
import { t, type Locale } from '../i18n';

/** What a rating button sends back: the ticket rated, the rating, and the card's comment field. */
export interface SatisfactionAnswer {
  satisfaction: string;
  rating: number | string;
  comment?: string;
}

/** A card's submitted value when it answers the satisfaction question, else null. */
export function satisfactionAnswerOf(value: unknown): SatisfactionAnswer | null {
  if (!value || typeof value !== 'object') return null;
  const answer = value as Partial<SatisfactionAnswer>;
  return typeof answer.satisfaction === 'string' && answer.rating !== undefined ? (answer as SatisfactionAnswer) : null;
}

/**
 * "How would you rate our help?" after a resolve (Adaptive Card 1.4): a button per rating 1-5
 * and an optional comment field that each button sends with it. The customer may also type the
 * rating (satisfaction.typed), which is all a channel without cards gets.
 */
export function satisfactionCard(ticketId: string, locale: Locale): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: t(locale, 'satisfaction.question', { id: ticketId }), weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: t(locale, 'satisfaction.scale'), isSubtle: true, wrap: true },
      { type: 'Input.Text', id: 'comment', placeholder: t(locale, 'satisfaction.comment'), isMultiline: true, maxLength: 1000 },
    ],
    actions: [1, 2, 3, 4, 5].map((rating) => ({
      type: 'Action.Submit',
      title: String(rating),
      data: { satisfaction: ticketId, rating } satisfies SatisfactionAnswer,
    })),
  });
}
