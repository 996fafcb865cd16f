import { randomUUID } from 'crypto';
import { readdir, readFile } from 'fs/promises';
import { join } from 'path';
import type { Activity } from 'botbuilder';
import { textOf } from '../fixtures/bot/deskWorld';

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
        type: 'message',
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        channelId: options.channelId ?? 'emulator',
        locale: options.locale ?? 'pl-PL',
        serviceUrl: options.serviceUrl ?? baseUrl,
        deliveryMode: 'expectReplies',
        from: { id: 'user-1', name: 'User', role: 'user', ...options.from },
        conversation: { id: conversationId },
        recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
        text,
        textFormat: 'plain',
      };
      const res = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const raw = await res.text();
      const body = raw ? (JSON.parse(raw) as { activities?: Partial<Activity>[] }) : {};
      return { status: res.status, texts: (body.activities ?? []).map(textOf), requestId: res.headers.get('x-request-id') };
    },
  };
}

export type BotChat = ReturnType<typeof botChat>;

/**
 * Walks the bot's administrator check up to the code: asks for a person, says yes, names the
 * organisation and e-mail, picks the channel. Returns the bot's answers to that last step (the
 * code went out, or why not).
 */
export async function askForPin(
  chat: BotChat,
  organisation: string,
  email: string,
  channel: 'E-mail' | 'SMS' = 'E-mail',
): Promise<string[]> {
  for (const step of ['rozmowa z człowiekiem', 'Tak', organisation, email]) {
    const turn = await chat.say(step);
    if (turn.status !== 200) throw new Error(`"${step}" answered ${turn.status}`);
  }
  return (await chat.say(channel)).texts;
}

/** The newest code the outbox holds for an address, waiting briefly: codes go out after the bot's answer. */
export async function codeInOutbox(outbox: string, address: string): Promise<string> {
  for (let i = 0; i < 250; i += 1) {
    const files = (await readdir(outbox).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .reverse();
    for (const file of files) {
      const message = JSON.parse(await readFile(join(outbox, file), 'utf8')) as { to: string; code: string };
      if (message.to === address) return message.code;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no code for ${address} in the outbox ${outbox}`);
}

/**
 * Verifies the chat as an administrator with the code from the outbox, then fills in the ticket
 * form that follows (technical, contact from the profile, by e-mail, grade B) and confirms it.
 * Returns the new ticket's id.
 */
export async function openTicketThroughBot(
  chat: BotChat,
  outbox: string,
  admin: { org: string; email: string },
  headers: Record<string, string> = {},
): Promise<string> {
  const sent = (await askForPin(chat, admin.org, admin.email)).join(' ');
  if (!/kod został wysłany/.test(sent)) throw new Error(`no code was sent: ${sent}`);
  const steps = [
    await codeInOutbox(outbox, admin.email),
    'Problem techniczny',
    'Poczta nie wychodzi u nikogo w firmie od rana',
    'Wszyscy użytkownicy',
    'Dane są poprawne',
    'E-mail',
    'B – wysoki',
  ];
  for (const step of steps) {
    const turn = await chat.say(step);
    if (turn.status !== 200) throw new Error(`"${step}" answered ${turn.status}`);
  }
  const done = (await chat.say('tak', headers)).texts.join(' ');
  const id = /Założyłem zgłoszenie (SR-\d{4}-\d{6})/.exec(done)?.[1];
  if (!id) throw new Error(`no ticket was opened: ${done}`);
  return id;
}
