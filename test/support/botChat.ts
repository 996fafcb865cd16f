import { randomUUID } from 'crypto';

export interface BotChatOptions {
  conversationId?: string;
  locale?: string;
  channelId?: string;
  from?: { id: string; name?: string; aadObjectId?: string };
  /** Where proactive messages (agent replies) for this chat are posted; default the service itself. */
  serviceUrl?: string;
}

export interface BotTurn {
  status: number;
  /** The texts of the bot's replies, card and button titles included. */
  texts: string[];
  /** The x-request-id the service answered with. */
  requestId: string | null;
}

/**
 * One conversation with the bot over real HTTP on POST /api/messages, as a channel posts it
 * (authentication off), with deliveryMode expectReplies so the replies come back in the answer.
 */
export function botChat(baseUrl: string, options: BotChatOptions = {}) {
  const conversationId = options.conversationId ?? `chat-${randomUUID()}`;
  return {
    conversationId,
    async say(text: string, headers: Record<string, string> = {}): Promise<BotTurn> {
      const activity = {
        type: 'message', id: randomUUID(), timestamp: new Date().toISOString(), channelId: options.channelId ?? 'emulator',
        locale: options.locale ?? 'pl-PL', serviceUrl: options.serviceUrl ?? baseUrl, deliveryMode: 'expectReplies',
        from: { id: 'user-1', name: 'User', role: 'user', ...options.from }, conversation: { id: conversationId },
        recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' }, text, textFormat: 'plain',
      };
      const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const raw = await res.text();
      const body = raw ? (JSON.parse(raw) as { activities?: ReplyActivity[] }) : {};
      return { status: res.status, texts: (body.activities ?? []).map(textOf), requestId: res.headers.get('x-request-id') };
    },
  };
}

interface ReplyActivity {
  text?: string;
  attachments?: { content?: unknown }[];
  suggestedActions?: { actions?: { title?: string }[] };
}

function textOf(activity: ReplyActivity): string {
  const parts = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? []) parts.push(JSON.stringify(attachment.content ?? ''));
  for (const action of activity.suggestedActions?.actions ?? []) parts.push(`[${action.title}]`);
  return parts.join(' ').trim();
}

export type BotChat = ReturnType<typeof botChat>;

/**
 * Walks the bot's administrator check up to the code: asks for a person, says yes, names the
 * organisation and e-mail, picks the channel. Returns the bot's answers to that last step (the
 * code went out, or why not).
 */
export async function askForPin(chat: BotChat, organisation: string, email: string, channel: 'E-mail' | 'SMS' = 'E-mail'): Promise<string[]> {
  for (const step of ['rozmowa z człowiekiem', 'Tak', organisation, email]) {
    const turn = await chat.say(step);
    if (turn.status !== 200) throw new Error(`"${step}" answered ${turn.status}`);
  }
  return (await chat.say(channel)).texts;
}
