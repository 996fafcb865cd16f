import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { webChat } from '../../support/webChat';
import { waitFor } from '../faults/faultFixtures';

/**
 * The pages a browser opens: no framing by other sites, scripts and images only from this
 * server; and an agent's text cannot make the customer's chat fetch a picture from elsewhere.
 */

let desk: DeskApp;
beforeAll(async () => {
  desk = await startDeskApp('page-security');
});
afterAll(() => desk?.close());

describe.each(['/', '/agent'])('GET %s', (path) => {
  it('has a Content-Security-Policy that keeps images, scripts and connections on this server, and refuses framing', async () => {
    const res = await fetch(desk.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const policy = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    // blob: is the page's own memory (Web Chat reads a chosen file from it to upload it), not a place.
    expect(policy['connect-src']).toEqual(["'self'", 'blob:']);
    expect(policy['script-src']?.[0]).toBe("'self'");
    expect(policy['script-src']?.slice(1).every((s: string) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
    expect(policy['object-src']).toEqual(["'none'"]);
  });
});

it("an agent's markdown image reaches the web chat as literal text, not as a picture to fetch", async () => {
  const chat = await webChat(desk.url);
  const reference = {
    channelId: 'directline',
    serviceUrl: `${desk.url}/directline/connector`,
    conversation: { id: chat.conversationId },
    user: { id: 'dl_user' },
    bot: { id: 'support-desk' },
    locale: 'pl-PL',
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(desk.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `pixel-${chat.conversationId}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = (await (await call('POST', '/api/tickets', TEST_TOKENS.system, ticketBody({ conversation: reference }))).json()) as {
    id: string;
  };
  const reply = await call('POST', `/api/tickets/${created.id}/replies`, TEST_TOKENS.agent, {
    text: 'Zobacz: ![logo](http://127.0.0.1:9/pixel.png) i [instrukcja](https://example.com/help)',
  });
  expect(reply.status).toBeLessThan(300);
  let delivered = '';
  await waitFor(async () => {
    const page = (await (
      await fetch(`${desk.url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        headers: { authorization: `Bearer ${chat.token}` },
      })
    ).json()) as { activities: Array<{ text?: string }> };
    delivered = page.activities.map((a) => a.text ?? '').find((t) => t.includes('Zobacz')) ?? '';
    return delivered !== '';
  }, "the agent's reply in the transcript");
  expect(delivered).toContain('!\\[logo](http://127.0.0.1:9/pixel.png)');
  expect(delivered).not.toMatch(/(^|[^\\])!\[/);
  expect(delivered).toContain('[instrukcja](https://example.com/help)');
});
