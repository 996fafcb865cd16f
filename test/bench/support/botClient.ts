import { randomUUID } from 'crypto';
import { msSince } from './stats';

/** What a channel says about the conversation and the sender (Teams adds a tenant and an AAD id). */
export interface ChatPeer {
  channelId: string;
  from: { id: string; name?: string; aadObjectId?: string };
  tenantId?: string;
}

export interface TimedTurn {
  ms: number;
  /** Each reply's text, with its cards as JSON. */
  replies: string[];
}

/**
 * One turn over real HTTP: an activity posted to /api/messages with deliveryMode expectReplies,
 * the replies read from the answer. A non-200 answer or no reply at all is an error.
 */
export async function postTurn(
  baseUrl: string,
  conversationId: string,
  peer: ChatPeer,
  message: { text?: string; value?: unknown },
): Promise<TimedTurn> {
  const activity = {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: peer.channelId,
    locale: 'pl-PL',
    serviceUrl: baseUrl,
    deliveryMode: 'expectReplies',
    from: { role: 'user', ...peer.from },
    conversation: { id: conversationId, conversationType: 'personal', ...(peer.tenantId ? { tenantId: peer.tenantId } : {}) },
    ...(peer.tenantId ? { channelData: { tenant: { id: peer.tenantId } } } : {}),
    recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
    textFormat: 'plain',
    ...message,
  };
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const raw = await res.text();
  const ms = msSince(t0);
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${raw.slice(0, 300)}`);
  const replies = ((JSON.parse(raw) as { activities?: ReplyActivity[] }).activities ?? []).map(textOf);
  if (replies.length === 0) throw new Error(`no reply to "${message.text ?? JSON.stringify(message.value)}"`);
  return { ms, replies };
}

interface ReplyActivity {
  text?: string;
  attachments?: { content?: unknown }[];
}

function textOf(activity: ReplyActivity): string {
  return [activity.text ?? '', ...(activity.attachments ?? []).map((a) => JSON.stringify(a.content ?? ''))].join(' ').trim();
}
