/** One web-chat conversation over the service's Direct Line REST endpoints, as Web Chat drives them. */
export async function webChat(baseUrl: string, headers: Record<string, string> = {}) {
  const generated = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers });
  if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}`);
  const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${token}`, ...headers };
  const started = await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth });
  if (started.status >= 300) throw new Error(`starting the conversation answered ${started.status}`);
  await started.arrayBuffer();
  const activitiesUrl = `${baseUrl}/v3/directline/conversations/${conversationId}/activities`;
  return {
    token,
    conversationId,
    /** Posts a message; resolves with the HTTP status and the bot's replies that follow it. */
    async say(text: string): Promise<{ status: number; replies: string[] }> {
      const res = await fetch(activitiesUrl, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'ignored' }, text }),
      });
      const posted = (await res.json()) as { id?: string };
      if (res.status !== 200) return { status: res.status, replies: [] };
      const all = (await (await fetch(activitiesUrl, { headers: auth })).json()) as {
        activities: Array<{ id: string; text?: string; from: { role?: string } }>;
      };
      const mine = all.activities.findIndex((a) => a.id === posted.id);
      const replies = all.activities
        .slice(mine + 1)
        .filter((a) => a.from.role === 'bot')
        .map((a) => a.text ?? '');
      return { status: res.status, replies };
    },
  };
}
