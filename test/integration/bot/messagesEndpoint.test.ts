import type { ConversationReference } from 'botbuilder';
import type { Server } from 'restify';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import { silentLogger } from '../../../common/logger';
import { createServer } from '../../../bot/server';
import { createAdapter, registerBotRoutes } from '../../../bot/adapter';
import { createReplyDelivery, type ReplyDelivery } from '../../../bot/proactive/replyDelivery';
import { createEscalationNotifier } from '../../../bot/proactive/escalationNotifier';
import { deskWorld, type DeskWorld } from '../../fixtures/bot/deskWorld';
import { startConnectorPeer } from '../../fixtures/bot/connectorPeer';
import { loadConfig } from '../../../common/config';
import { nth } from '../../support/nth';
import { personScope } from '../../../bot/channels';
import { Deliveries } from '../../../ticketing/delivery/deliveries';
import { testRedisUrl } from '../../support/redis';

let world: DeskWorld;
let server: Server;
let botUrl: string;
let connector: Awaited<ReturnType<typeof startConnectorPeer>>;
let delivery: ReplyDelivery;
let deliveries: Deliveries;
/** The channel rules of a development start: Teams and the Emulator on loopback service URLs. */
const DEVELOPMENT = { teamsServiceHosts: loadConfig({}).teamsServiceHosts, allowLoopback: true };

beforeAll(async () => {
  connector = await startConnectorPeer();
  world = await deskWorld('bot-http');
  const adapter = createAdapter(loadConfig({}).bot, silentLogger);
  delivery = createReplyDelivery({
    routeFor: (reference) => ({ adapter, reference }),
    appId: '',
    awaiting: world.awaiting,
    ratings: world.ratings,
    logger: silentLogger,
    clock: world.clock.read,
  });
  deliveries = new Deliveries({
    redisUrl: testRedisUrl(),
    prefix: world.prefix,
    service: world.tickets,
    channels: { chat: delivery.chat },
  });
  deliveries.start();
  server = createServer({ logger: silentLogger });
  registerBotRoutes(server, { adapter, bot: world.bot, rules: DEVELOPMENT, logger: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await deliveries.stop();
  await connector.close();
  await world.close();
});

/** An activity as the Bot Framework Emulator posts it. */
function emulatorActivity(conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    locale: 'pl-PL',
    serviceUrl: connector.url,
    from: { id: 'user-1', name: 'User', role: 'user' },
    conversation: { id: conversationId },
    recipient: { id: 'desk-bot', name: 'Bot', role: 'bot' },
    text,
    textFormat: 'plain',
    ...extra,
  };
}

/** An activity as Teams posts it: AAD object id, tenant, 29:/28: ids. */
function teamsActivity(text: string) {
  return {
    type: 'message',
    id: `1${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    locale: 'pl-PL',
    serviceUrl: connector.url,
    from: { id: '29:1jan', name: 'Jan Kowalski', aadObjectId: 'aad-jan' },
    conversation: { id: `a:1${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-contoso' },
    recipient: { id: '28:desk-bot', name: 'Desk' },
    channelData: { tenant: { id: 'tenant-contoso' } },
    text,
    textFormat: 'plain',
  };
}

async function post(activity: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Sends with deliveryMode expectReplies: the replies come back in the HTTP response. `extra` overrides activity fields (another sender, a group conversation). */
async function ask(conversationId: string, text: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const { status, body } = await post(emulatorActivity(conversationId, text, { deliveryMode: 'expectReplies', ...extra }));
  expect(status).toBe(200);
  return (body.activities as { text?: string; attachments?: unknown[] }[]).map(
    (a) => `${a.text ?? ''}${a.attachments?.length ? JSON.stringify(a.attachments) : ''}`,
  );
}

describe('POST /api/messages', () => {
  it('answers an Emulator message through the serviceUrl', async () => {
    const conversationId = `emu-${randomUUID()}`;
    const { status } = await post(emulatorActivity(conversationId, 'Jak upiec sernik?'));
    expect(status).toBe(200);
    const reply = await connector.waitFor((a) => a.body.conversation?.id === conversationId);
    expect(reply.path).toMatch(new RegExp(`^/v3/conversations/${conversationId}/activities/`));
    expect(reply.body.text).toMatch(/nie znalazłem odpowiedzi/);
  });

  it('returns the replies in the response body with deliveryMode expectReplies', async () => {
    const before = connector.received.length;
    const replies = await ask(`emu-${randomUUID()}`, 'Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?');
    expect(replies[0]).toMatch(/0800 032 6417/);
    expect(replies[1]).toMatch(/Czy to pomogło\?/);
    expect(connector.received.length).toBe(before);
  });

  it('answers a Teams-shaped activity, but takes its AAD object id for nobody while authentication is off', async () => {
    const activity = teamsActivity('rozmowa z człowiekiem');
    expect((await post(activity)).status).toBe(200);
    const reply = await connector.waitFor((a) => a.body.conversation?.id === activity.conversation.id);
    expect(JSON.stringify(reply.body)).toMatch(/Czy jesteś administratorem\?/);
  });

  it('refuses a body that is not an activity', async () => {
    const { status, body } = await post({ hello: 'world' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_activity', message: 'the body must be a Bot Framework activity: a JSON object with a "type"' });
  });

  it('refuses an invoke the bot has no handler for with a 400 that names it, not a 5xx', async () => {
    const { status, body } = await post({ ...emulatorActivity(`emu-${randomUUID()}`, ''), type: 'invoke', name: 'no/suchInvoke' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'unsupported_invoke', message: 'invoke "no/suchInvoke" is not supported by this bot' });
  });

  it("delivers an agent's reply into the chat and adds the customer's answer to the ticket", async () => {
    const conversationId = `emu-${randomUUID()}`;
    await world.verifier.markVerified({
      conversationId: personScope('emulator', conversationId, 'user-1'),
      orgId: 'contoso',
      adminId: 'jan',
    });
    for (const text of [
      'rozmowa z człowiekiem',
      'Problem techniczny',
      'Outlook nie pokazuje kalendarza współdzielonego',
      'Jeden użytkownik',
      'Dane są poprawne',
      'E-mail',
      'B – wysoki',
    ]) {
      await ask(conversationId, text);
    }
    const created = await ask(conversationId, 'tak');
    const ticketId = nth(created, 0).match(/SR-\d{4}-\d{6}/)![0];

    await world.tickets.reply(ticketId, 'agent-7', 'Proszę zrestartować Outlooka i dać znać.');
    const proactive = await connector.waitFor(
      (a) => a.body.conversation?.id === conversationId && /Proszę zrestartować/.test(a.body.text ?? ''),
    );
    // Sent into the stored conversation (as a reply to the message the ticket was opened from).
    expect(proactive.path.startsWith(`/v3/conversations/${conversationId}/activities`)).toBe(true);
    expect(proactive.body.text).toBe(
      `Odpowiedź konsultanta w sprawie zgłoszenia ${ticketId}:\n\nProszę zrestartować Outlooka i dać znać.\n\nOdpisz tutaj – Twoje wiadomości trafią do zgłoszenia, dopóki jest otwarte.`,
    );

    await world.tickets.askCustomer(ticketId, 'agent-7', 'Czy restart pomógł?');
    await connector.waitFor((a) => a.body.conversation?.id === conversationId && /Czy restart pomógł/.test(a.body.text ?? ''));
    // The thread opened with the ticket (said once, then): every message in a row reaches the
    // ticket; none is taken for an FAQ question.
    expect(await ask(conversationId, 'Zrestartowałem, nadal nie widać kalendarza.')).toEqual([]);
    expect(await ask(conversationId, 'Tak, partner zmienił konektor w piątek na smarthost.')).toEqual([]);
    expect(await ask(conversationId, 'Kalendarz nie działa też u dwóch innych osób')).toEqual([]);
    const ticket = (await world.tickets.get(ticketId))!;
    expect(ticket.status).toBe('in_progress');
    expect(ticket.messages.map((m) => [m.from, m.text])).toEqual([
      ['agent', 'Proszę zrestartować Outlooka i dać znać.'],
      ['agent', 'Czy restart pomógł?'],
      ['customer', 'Zrestartowałem, nadal nie widać kalendarza.'],
      ['customer', 'Tak, partner zmienił konektor w piątek na smarthost.'],
      ['customer', 'Kalendarz nie działa też u dwóch innych osób'],
    ]);
    // A question the bot can answer is asked about, and answered when the customer says so.
    const asked = await ask(conversationId, 'Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?');
    expect(asked.join(' ')).toContain(`Czy to wiadomość do zgłoszenia ${ticketId}, czy pytanie do mnie?`);
    expect((await ask(conversationId, 'Zadaję pytanie'))[0]).toMatch(/0800 032 6417/);
    // "anuluj" leaves the thread: the next message is a question again.
    expect(await ask(conversationId, 'anuluj')).toEqual([
      `Dobrze, kolejne wiadomości nie trafią już do zgłoszenia ${ticketId}. W czym mogę pomóc?`,
    ]);
    expect(nth(await ask(conversationId, 'Jak upiec sernik?'), 0)).toMatch(/nie znalazłem odpowiedzi/);
    expect((await world.tickets.get(ticketId))!.messages).toHaveLength(5);
  });

  it("delivers an agent's reply into a Teams chat, in the chat's language", async () => {
    const conversationId = `a:1${randomUUID()}`;
    const { ticket } = await world.tickets.create(
      {
        orgId: 'contoso',
        adminId: 'jan',
        category: 'technical',
        grade: 'B',
        title: 'Outlook button',
        description: 'An Outlook button looks wrong',
        affected: 'One user',
        contact: { email: 'jan.kowalski@contoso.pl', preferred: 'email' },
        conversation: {
          channelId: 'msteams',
          serviceUrl: connector.url,
          locale: 'en-US',
          activityId: '1700000000000',
          conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-contoso' },
          user: { id: '29:1jan', aadObjectId: 'aad-jan' },
          bot: { id: '28:desk-bot', name: 'Desk' },
        },
      },
      `teams-${conversationId}`,
    );
    await world.tickets.reply(ticket.id, 'agent-7', 'Please clear the Outlook cache.');
    const delivered = await connector.waitFor((a) => a.body.conversation?.id === conversationId);
    expect(delivered.body.text).toBe(
      `An agent answered about request ${ticket.id}:\n\nPlease clear the Outlook cache.\n\nReply here – your messages will be added to the request while it is open.`,
    );
    // A reply to the message the ticket came from, which the chat has: Web Chat holds back a
    // message replying to an activity it never saw (botbuilder's own continuation event).
    expect(delivered.body.replyToId).toBe('1700000000000');
    expect(delivered.path).toBe(`/v3/conversations/${conversationId}/activities/1700000000000`);
  });

  it('in a group chat, keeps each member to their own dialog and adds to a ticket only what its requester writes', async () => {
    const conversationId = `group-${randomUUID()}`;
    const jan = { conversation: { id: conversationId, isGroup: true, conversationType: 'groupChat' }, from: { id: 'user-1', name: 'Jan' } };
    const piotr = {
      conversation: { id: conversationId, isGroup: true, conversationType: 'groupChat' },
      from: { id: 'user-2', name: 'Piotr' },
    };
    await world.verifier.markVerified({
      conversationId: personScope('emulator', conversationId, 'user-1'),
      orgId: 'contoso',
      adminId: 'jan',
    });
    expect((await ask(conversationId, 'rozmowa z człowiekiem', jan)).join(' ')).toMatch(/Czego dotyczy zgłoszenie\?/);
    // Piotr's words are not Jan's answer: Jan's form is still waiting for its first answer.
    expect((await ask(conversationId, 'Problem techniczny', piotr)).join(' ')).not.toMatch(/Opisz problem/);
    for (const text of [
      'Problem techniczny',
      'Outlook nie pokazuje kalendarza współdzielonego',
      'Jeden użytkownik',
      'Dane są poprawne',
      'E-mail',
      'B – wysoki',
    ]) {
      await ask(conversationId, text, jan);
    }
    const ticketId = nth(await ask(conversationId, 'tak', jan), 0).match(/SR-\d{4}-\d{6}/)![0];

    await world.tickets.reply(ticketId, 'agent-7', 'Proszę zrestartować Outlooka.');
    await connector.waitFor((a) => a.body.conversation?.id === conversationId && /Proszę zrestartować/.test(a.body.text ?? ''));
    expect(await ask(conversationId, 'U mnie też nie działa, mój e-mail to piotr@example.com', piotr)).not.toContain(
      `Dziękuję, dodałem Twoją odpowiedź do zgłoszenia ${ticketId}.`,
    );
    expect(await ask(conversationId, 'Zrestartowałem, nadal nie działa.', jan)).toEqual([]);
    expect((await world.tickets.get(ticketId))!.messages.map((m) => [m.from, m.text])).toEqual([
      ['agent', 'Proszę zrestartować Outlooka.'],
      ['customer', 'Zrestartowałem, nadal nie działa.'],
    ]);
  });

  it('does not count an agent reply as delivered when the chat cannot be reached', async () => {
    // A port nothing listens on: the connector refuses the connection.
    const dead = {
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: `emu-${randomUUID()}` },
      locale: 'pl-PL',
      bot: { id: 'desk-bot' },
    } as Partial<ConversationReference>;
    // botbuilder reports refused requests on the console itself; keep the test output readable.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await delivery.send(dead, () => 'Odpowiedź konsultanta')).toBe(false);
      expect(await delivery.send({ ...dead, serviceUrl: connector.url }, () => 'Odpowiedź konsultanta')).toBe(true);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('tells the customer in their chat when the ticket is regraded (with the new deadline) and resolved (with the note)', async () => {
    const conversationId = `emu-${randomUUID()}`;
    const { ticket } = await world.tickets.create(
      {
        orgId: 'contoso',
        adminId: 'jan',
        category: 'technical',
        grade: 'C',
        title: 'Kalendarz',
        description: 'Kalendarz współdzielony się nie odświeża',
        affected: 'Jedna osoba',
        contact: { email: 'jan.kowalski@contoso.pl', preferred: 'email' },
        conversation: {
          channelId: 'emulator',
          serviceUrl: connector.url,
          conversation: { id: conversationId },
          locale: 'pl-PL',
          bot: { id: 'desk-bot', name: 'Desk' },
        },
      },
      `notice-${conversationId}`,
    );
    await world.tickets.changeGrade(ticket.id, 'B', 'agent:agent-7', 'dotyczy całego działu');
    const regraded = await connector.waitFor((a) => a.body.conversation?.id === conversationId && /Priorytet/.test(a.body.text ?? ''));
    expect(regraded.body.text).toBe(
      `Priorytet zgłoszenia ${ticket.id} zmieniono na B – wysoki.\n\nTermin pierwszej odpowiedzi: jutro do 10:00.`,
    );
    await world.tickets.reply(ticket.id, 'agent-7', 'Sprawdzam pamięć podręczną Outlooka.');
    await world.tickets.changeStatus(ticket.id, 'resolved', 'agent:agent-7', 'Wyczyszczono pamięć podręczną Outlooka.');
    const resolved = await connector.waitFor((a) => a.body.conversation?.id === conversationId && /rozwiązane/.test(a.body.text ?? ''));
    expect(resolved.body.text).toBe(`Zgłoszenie ${ticket.id} zostało rozwiązane.\n\nRozwiązanie: Wyczyszczono pamięć podręczną Outlooka.`);
  });

  it("asks for a rating when a ticket is resolved: the card's button with a comment, or typed words, answer it once and the report counts it", async () => {
    const month = world.clock.now.toISOString().slice(0, 7);
    const before = (await world.tickets.slaReport(month)).satisfaction;
    /** A ticket opened from an Emulator chat of user-1, answered and resolved; returns it once the resolve notice reached the chat. */
    const resolvedTicket = async (locale: string) => {
      const conversationId = `emu-${randomUUID()}`;
      const { ticket } = await world.tickets.create(
        {
          orgId: 'contoso',
          adminId: 'jan',
          category: 'technical',
          grade: 'C',
          title: 'Drukarka',
          description: 'Drukarka sieciowa nie drukuje z Outlooka',
          affected: 'Jedna osoba',
          contact: { email: 'jan.kowalski@contoso.pl', preferred: 'email' },
          conversation: {
            channelId: 'emulator',
            serviceUrl: connector.url,
            conversation: { id: conversationId },
            user: { id: 'user-1', name: 'Jan' },
            locale,
            bot: { id: 'desk-bot', name: 'Desk' },
          },
        },
        `rating-${conversationId}`,
      );
      await world.tickets.reply(ticket.id, 'agent-7', 'Proszę zaktualizować sterownik.');
      await world.tickets.changeStatus(ticket.id, 'resolved', 'agent:agent-7', 'Zaktualizowano sterownik drukarki.');
      const notice = await connector.waitFor((a) => a.body.conversation?.id === conversationId && (a.body.attachments?.length ?? 0) > 0);
      return { ticketId: ticket.id, conversationId, notice };
    };

    // Polish: the notice carries the card; a button press with a comment rates the ticket.
    const pl = await resolvedTicket('pl-PL');
    expect(pl.notice.body.text).toBe(`Zgłoszenie ${pl.ticketId} zostało rozwiązane.\n\nRozwiązanie: Zaktualizowano sterownik drukarki.`);
    const card = (
      pl.notice.body.attachments as {
        contentType: string;
        content: { body: { text?: string }[]; actions: { title: string; data: unknown }[] };
      }[]
    )[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body[0]!.text).toBe(`Jak oceniasz naszą pomoc przy zgłoszeniu ${pl.ticketId}?`);
    expect(card.content.actions.map((a) => a.title)).toEqual(['1', '2', '3', '4', '5']);
    // Web Chat and Teams send the pressed button's data with the card's inputs as the message's value.
    const press = (conversationId: string, data: unknown, comment: string, from = { id: 'user-1', name: 'Jan', role: 'user' }) =>
      post(
        emulatorActivity(conversationId, '', {
          deliveryMode: 'expectReplies',
          text: undefined,
          value: { ...(data as object), comment },
          from,
        }),
      );
    // A colleague in the same chat pressing the button does not answer for Jan.
    const colleague = await press(pl.conversationId, card.content.actions[0]!.data, '', { id: 'user-2', name: 'Ewa', role: 'user' });
    expect(colleague.body.activities.map((a: { text: string }) => a.text)).toEqual(['Ta ankieta nie jest już aktywna.']);
    const pressed = await press(pl.conversationId, card.content.actions[3]!.data, '  Szybko i konkretnie. ');
    expect(pressed.status).toBe(200);
    expect(pressed.body.activities.map((a: { text: string }) => a.text)).toEqual([
      `Dziękujemy za ocenę 4/5 zgłoszenia ${pl.ticketId} i za komentarz – przekażemy go zespołowi.`,
    ]);
    expect((await world.tickets.get(pl.ticketId))!.satisfaction).toMatchObject({ rating: 4, comment: 'Szybko i konkretnie.', grade: 'C' });
    // Once per ticket: the card pressed again changes nothing, and "5" is then just a message.
    const again = await press(pl.conversationId, card.content.actions[4]!.data, '');
    expect(again.body.activities.map((a: { text: string }) => a.text)).toEqual([
      `Zgłoszenie ${pl.ticketId} zostało już ocenione – dziękujemy.`,
    ]);
    expect((await world.tickets.get(pl.ticketId))!.satisfaction!.rating).toBe(4);

    // English, typed: a message that is not a rating is read as usual and the question stays open; "super, thanks a lot" rates 5.
    const en = await resolvedTicket('en-US');
    expect((await ask(en.conversationId, 'What is the support phone number in the United Kingdom?', { locale: 'en-US' }))[0]).toMatch(
      /0800 032 6417/,
    );
    expect((await world.tickets.get(en.ticketId))!.satisfaction).toBeUndefined();
    expect(await ask(en.conversationId, 'Super, thanks a lot', { locale: 'en-US' })).toEqual([
      `Thank you for rating request ${en.ticketId} 5/5 and for your comment – we will pass it on to the team.`,
    ]);
    expect((await world.tickets.get(en.ticketId))!.satisfaction).toMatchObject({ rating: 5, comment: 'thanks a lot' });

    // Polish words: "słabo" is a 2.
    const poor = await resolvedTicket('pl-PL');
    expect(await ask(poor.conversationId, 'słabo')).toEqual([`Dziękujemy za ocenę 2/5 zgłoszenia ${poor.ticketId}.`]);

    // The three answers are in the month's report.
    const after = (await world.tickets.slaReport(month)).satisfaction;
    expect(after.count).toBe(before.count + 3);
    for (const rating of ['2', '4', '5']) expect(after.byRating[rating]).toBe((before.byRating[rating] ?? 0) + 1);
  });

  it('posts SLA breaches to the agents channel, and the breach tells the customer', async () => {
    const conversationId = `emu-${randomUUID()}`;
    const agentsChannel = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      locale: 'pl-PL',
      conversation: { id: '19:agents@thread.tacv2', isGroup: true, conversationType: 'channel', name: 'Agents' },
    };
    const notifier = createEscalationNotifier({ delivery, agentsChannel, logger: silentLogger });
    const { ticket } = await world.tickets.create(
      {
        orgId: 'contoso',
        adminId: 'jan',
        category: 'technical',
        grade: 'B',
        title: 'Teams nie startuje',
        description: 'Teams nie startuje u jednej osoby',
        affected: 'Jedna osoba',
        contact: { email: 'jan.kowalski@contoso.pl', preferred: 'email' },
        conversation: {
          channelId: 'emulator',
          serviceUrl: connector.url,
          conversation: { id: conversationId },
          locale: 'en-US',
          bot: { id: 'desk-bot' },
        },
      },
      `breach-${conversationId}`,
    );
    await notifier.notify({ kind: 'breach', ticket });
    await world.tickets.applySlaEvent(ticket.id, 'breach', ticket.sla.version);
    const agents = await connector.waitFor((a) => a.body.conversation?.id === '19:agents@thread.tacv2');
    expect(agents.body.text).toMatch(new RegExp(`^Przekroczone SLA: zgłoszenie ${ticket.id} \\(B\\) „Teams nie startuje”`));
    const customer = await connector.waitFor((a) => a.body.conversation?.id === conversationId);
    expect(customer.body.text).toBe(
      `We are sorry, the answer to request ${ticket.id} is late. We have escalated it – an agent will get back to you as soon as possible.`,
    );
  });
});

/** An activity as Teams posts it in a team's channel: the bot is @-mentioned, each member writes as themselves. */
function teamsChannelActivity(conversationId: string, user: { id: string; name: string; aadObjectId: string }, text: string) {
  return {
    type: 'message',
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    locale: 'pl-PL',
    serviceUrl: connector.url,
    deliveryMode: 'expectReplies',
    from: user,
    conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: 'tenant-contoso' },
    recipient: { id: '28:desk-bot', name: 'Desk' },
    channelData: { tenant: { id: 'tenant-contoso' }, teamsChannelId: conversationId.split(';')[0], team: { id: '19:team@thread.tacv2' } },
    entities: [{ type: 'mention', text: '<at>Desk</at>', mentioned: { id: '28:desk-bot', name: 'Desk' } }],
    text: `<at>Desk</at> ${text}`,
    textFormat: 'plain',
  };
}

/** Opens a B technical ticket through the bot for a person already verified; returns its id. */
async function openTicketAs(say: (text: string) => Promise<string[]>): Promise<string> {
  for (const text of [
    'Chcę zgłosić problem',
    'Problem techniczny',
    'Outlook nie pokazuje kalendarza',
    'Jeden użytkownik',
    'Dane są poprawne',
    'E-mail',
    'B – wysoki',
  ]) {
    await say(text);
  }
  const created = (await say('tak')).join('\n');
  const id = /Założyłem zgłoszenie (SR-\d{4}-\d{6})/.exec(created)?.[1];
  if (!id) throw new Error(`no ticket was opened: ${created}`);
  expect(created).toContain(`Kolejne wiadomości z tego czatu dopiszę do zgłoszenia ${id}`);
  return id;
}

const customerTexts = async (ticketId: string) =>
  (await world.tickets.get(ticketId))!.messages.filter((m) => m.from === 'customer').map((m) => [m.author, m.text]);

describe('one thread per ticket', () => {
  it('opens when the ticket is created (Emulator): the next messages reach it, a question it can answer is asked about', async () => {
    const conversationId = `emu-${randomUUID()}`;
    await world.verifier.markVerified({
      conversationId: personScope('emulator', conversationId, 'user-1'),
      orgId: 'contoso',
      adminId: 'jan',
    });
    const ticketId = await openTicketAs((text) => ask(conversationId, text));
    for (const text of [
      'Dodam jeszcze, że problem zaczął się po aktualizacji.',
      'Dotyczy też kalendarza sali konferencyjnej',
      'W załączniku nic nie ma, opisuję słowami',
    ]) {
      expect(await ask(conversationId, text)).toEqual([]);
    }
    expect(await customerTexts(ticketId)).toEqual([
      ['jan', 'Dodam jeszcze, że problem zaczął się po aktualizacji.'],
      ['jan', 'Dotyczy też kalendarza sali konferencyjnej'],
      ['jan', 'W załączniku nic nie ma, opisuję słowami'],
    ]);
    expect((await ask(conversationId, 'Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?')).join(' ')).toContain(
      `Czy to wiadomość do zgłoszenia ${ticketId}, czy pytanie do mnie?`,
    );
    // The button pressed is answered, though typed messages go quietly.
    expect(await ask(conversationId, 'Dodaj do zgłoszenia')).toEqual([`Dodałem to do zgłoszenia ${ticketId} – konsultant to zobaczy.`]);
    expect((await customerTexts(ticketId)).at(-1)).toEqual(['jan', 'Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?']);
    // Thanks are answered, not added.
    expect(await ask(conversationId, 'dziękuję')).toEqual(['Proszę bardzo! Jeśli masz jeszcze jakieś pytanie, po prostu je napisz.']);
    expect(await customerTexts(ticketId)).toHaveLength(4);
  });

  it('"dodaj do SR-…" adds from any conversation for an administrator of the organisation, never for another organisation', async () => {
    const own = `emu-${randomUUID()}`;
    await world.verifier.markVerified({ conversationId: personScope('emulator', own, 'user-1'), orgId: 'contoso', adminId: 'jan' });
    const ticketId = await openTicketAs((text) => ask(own, text));

    // Ewa, Jan's colleague, verified in her own chat, adds to Jan's ticket and then keeps writing in its thread.
    const colleague = `emu-${randomUUID()}`;
    await world.verifier.markVerified({ conversationId: personScope('emulator', colleague, 'user-1'), orgId: 'contoso', adminId: 'ewa' });
    expect(await ask(colleague, `dodaj do ${ticketId}: u mnie w dziale też nie działa`)).toEqual([
      `Dodałem Twoją wiadomość do zgłoszenia ${ticketId}.\n\nPiszesz w sprawie ${ticketId} – konsultant zobaczy każdą wiadomość. Napisz „anuluj”, aby wrócić do rozmowy ze mną.`,
    ]);
    expect(await ask(colleague, 'Dotyczy pięciu osób.')).toEqual([]);
    expect(await customerTexts(ticketId)).toEqual([
      ['ewa', 'u mnie w dziale też nie działa'],
      ['ewa', 'Dotyczy pięciu osób.'],
    ]);

    // Fabrikam's administrator hears what they would hear for a ticket that does not exist.
    const stranger = `emu-${randomUUID()}`;
    await world.verifier.markVerified({ conversationId: personScope('emulator', stranger, 'user-1'), orgId: 'fabrikam', adminId: 'ola' });
    expect(await ask(stranger, `add to ${ticketId} please close it`)).toEqual([
      `I found no request ${ticketId} among your organisation's requests.`,
    ]);
    // Unverified, the request starts with verification.
    expect((await ask(`emu-${randomUUID()}`, `dodaj do ${ticketId} coś`)).join(' ')).toMatch(/Czy jesteś administratorem\?/);
    expect(await customerTexts(ticketId)).toHaveLength(2);
  });

  it('in a Teams channel, keeps two members apart: each their own dialog, verification and thread', async () => {
    const channel = `19:${randomUUID()}@thread.tacv2;messageid=1700000000000`;
    const jan = { id: '29:1jan-channel', name: 'Jan Kowalski', aadObjectId: 'aad-jan-channel' };
    const ewa = { id: '29:1ewa-channel', name: 'Ewa Zielińska', aadObjectId: 'aad-ewa-channel' };
    const say = (who: typeof jan) => async (text: string) => {
      const { status, body } = await post(teamsChannelActivity(channel, who, text));
      expect(status).toBe(200);
      return (body.activities as { text?: string; attachments?: unknown[] }[]).map(
        (a) => `${a.text ?? ''}${a.attachments?.length ? JSON.stringify(a.attachments) : ''}`,
      );
    };
    await world.verifier.markVerified({ conversationId: personScope('msteams', channel, jan.id), orgId: 'contoso', adminId: 'jan' });
    // Ewa is not verified in this channel: her request starts her own verification, Jan's form is untouched.
    expect((await say(jan)('Chcę zgłosić problem')).join(' ')).toMatch(/Czego dotyczy zgłoszenie\?/);
    expect((await say(ewa)('moje zgłoszenia')).join(' ')).toMatch(/Czy jesteś administratorem\?/);
    expect((await say(ewa)('anuluj')).join(' ')).toMatch(/przerwałem/);
    const ticketId = await openTicketAs(say(jan));
    // Jan's messages go to his ticket; Ewa's question is answered for her, not added.
    expect(await say(jan)('Kalendarz nie działa też w aplikacji mobilnej.')).toEqual([]);
    expect((await say(ewa)('Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?'))[0]).toMatch(/0800 032 6417/);
    expect(await customerTexts(ticketId)).toEqual([['jan', 'Kalendarz nie działa też w aplikacji mobilnej.']]);

    // The agent's reply and the resolve notice reach the channel conversation (the regrade notice: above, Emulator).
    await world.tickets.reply(ticketId, 'agent-7', 'Proszę wylogować się z aplikacji mobilnej.');
    await connector.waitFor((a) => a.body.conversation?.id === channel && /Proszę wylogować się/.test(a.body.text ?? ''));
    await world.tickets.changeStatus(ticketId, 'resolved', 'agent:agent-7', 'Po wylogowaniu kalendarz działa.');
    const resolved = await connector.waitFor((a) => a.body.conversation?.id === channel && /rozwiązane/.test(a.body.text ?? ''));
    expect(resolved.body.text).toBe(`Zgłoszenie ${ticketId} zostało rozwiązane.\n\nRozwiązanie: Po wylogowaniu kalendarz działa.`);
    // Resolved: the thread is over, the next message is Jan's question again.
    expect((await say(jan)('Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?'))[0]).toMatch(/0800 032 6417/);
    expect(await customerTexts(ticketId)).toHaveLength(1);
  });
});

describe('authentication', () => {
  it('refuses an unsigned request when a MicrosoftAppId is configured', async () => {
    const secured = createServer({ logger: silentLogger });
    const adapter = createAdapter(
      loadConfig({ MicrosoftAppId: '3f2a7c1e-0000-4000-8000-000000000001', MicrosoftAppPassword: 'not-used-here' }).bot,
      silentLogger,
    );
    registerBotRoutes(secured, { adapter, bot: world.bot, rules: DEVELOPMENT, logger: silentLogger });
    await new Promise<void>((resolve) => secured.listen(0, '127.0.0.1', resolve));
    // botbuilder prints refused requests to the console itself; keep the test output readable.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const url = `http://127.0.0.1:${(secured.address() as AddressInfo).port}/api/messages`;
      const unsigned = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(emulatorActivity('x', 'hello')),
      });
      expect(unsigned.status).toBe(401);
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not.a.token' },
        body: JSON.stringify(emulatorActivity('x', 'hello')),
      });
      expect(forged.status).toBe(401);
    } finally {
      consoleError.mockRestore();
      await new Promise<void>((resolve) => secured.close(() => resolve()));
    }
  });
});
