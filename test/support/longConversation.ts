import type { RedisClient } from '../../common/redisConnection';
import type { BrowserContext } from 'playwright-core';
import { TranscriptStore } from '../../bot/directline/transcript';

/**
 * A web-chat conversation started as the page starts it, then filled to `size` activities (a
 * customer's question and the bot's answer, alternately, stored as the connector stores them;
 * the last is the bot's and says `last`). Returns what a returning tab keeps in sessionStorage.
 */
export async function longConversation(
  baseUrl: string,
  redis: RedisClient,
  prefix: string,
  size: number,
  last: string,
): Promise<{ token: string; conversationId: string }> {
  const generated = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}`);
  const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
  const started = await fetch(`${baseUrl}/v3/directline/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (started.status >= 300) throw new Error(`starting the conversation answered ${started.status}`);
  const transcripts = new TranscriptStore(redis, prefix, 3600_000);
  const user = { id: `dl_long-${conversationId}`, name: '', role: 'user' };
  const bot = { id: 'support-desk', name: 'Desk', role: 'bot' };
  for (let i = 0; i < size; i++) {
    const fromUser = (size - 1 - i) % 2 === 1;
    const text = i === size - 1 ? last : longConversationText(size, i);
    await transcripts.append(conversationId, {
      type: 'message',
      from: fromUser ? user : bot,
      timestamp: new Date().toISOString() as never,
      text,
    });
  }
  return { token, conversationId };
}

/** The text of the `i`-th of `size` filled activities (all but the last): a question, then its answer. */
export function longConversationText(size: number, i: number): string {
  return (size - 1 - i) % 2 === 1 ? `Pytanie numer ${i} o konfigurację poczty` : `Odpowiedź numer ${i}: sprawdź ustawienia.`;
}

/** A browser context whose pages reopen this conversation, as a returning tab with its saved session does. */
export async function returningTab(context: BrowserContext, saved: { token: string; conversationId: string }): Promise<void> {
  await context.addInitScript((s) => {
    // Only the first page load: afterwards the page keeps its own (renewed) token.
    if (!sessionStorage.getItem('desk.chat')) sessionStorage.setItem('desk.chat', JSON.stringify(s));
  }, saved);
}
