import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { EscalationEvent, LogNotifier } from '../../../ticketing/notify/escalationNotifier';
import { RoutedNotifier } from '../../../ticketing/notify/routedNotifier';
import type { EscalationRoute } from '../../../ticketing/domain/slaPolicy';
import { loadConfig } from '../../../common/config';
import { escalationNotifierFromConfig } from '../../../ticketing/notify/fromConfig';
import { WebhookNotifier } from '../../../ticketing/notify/webhookNotifier';
import { markSlaBreach } from '../../../ticketing/domain/ticket';
import { freePort } from '../../support/redisServer';
import { capturingLogger, ticketDue } from './slaFixtures';
import { nth } from '../../support/nth';

interface Received {
  method?: string;
  contentType?: string;
  body: Record<string, unknown>;
}

let server: Server;
let url: string;
const received: Received[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      received.push({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(data) });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/desk`;
});
beforeEach(() => {
  received.length = 0;
  answer = (_req, res) => {
    res.writeHead(204);
    res.end();
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function breachEvent(): EscalationEvent {
  const now = Date.now();
  const open = ticketDue(42, { warningAtMs: now - 1000, dueAtMs: now - 10 });
  const ticket = markSlaBreach(open, open.sla.version, new Date(now))!;
  return { kind: 'breach', ticket };
}

test('the webhook receives a JSON summary of the breach without the customer conversation', async () => {
  const { logger, lines } = capturingLogger();
  const event = breachEvent();
  await new WebhookNotifier({ url, logger }).notify(event);

  expect(received).toHaveLength(1);
  expect(nth(received, 0).method).toBe('POST');
  expect(nth(received, 0).contentType).toBe('application/json');
  expect(nth(received, 0).body).toMatchObject({
    event: 'sla.breach',
    ticketId: 'SR-2026-000042',
    orgId: 'org-contoso',
    grade: 'A',
    category: 'technical',
    firstResponseDue: event.ticket.sla.dueAt,
    breachedAt: event.ticket.sla.dueAt,
  });
  expect(JSON.stringify(nth(received, 0).body)).not.toContain('Exchange Online is down');
  expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
});

test('a webhook that answers with an error, hangs or is unreachable is logged and never thrown', async () => {
  const { logger, lines } = capturingLogger();
  answer = (_req, res) => {
    res.writeHead(500);
    res.end('boom');
  };
  await expect(new WebhookNotifier({ url, logger }).notify(breachEvent())).resolves.toBeUndefined();

  answer = () => undefined; // never answers
  await new WebhookNotifier({ url, logger, timeoutMs: 200 }).notify(breachEvent()); // resolves: the timeout gave up

  await new WebhookNotifier({ url: `http://127.0.0.1:${await freePort()}/nothing-here`, logger }).notify(breachEvent());

  const errors = lines.filter((l) => l.level === 50);
  expect(errors.map((l) => l.msg)).toEqual([
    'escalation webhook answered with an error',
    'escalation webhook failed',
    'escalation webhook failed',
  ]);
  expect(errors[0]).toMatchObject({ status: 500, ticketId: 'SR-2026-000042' });
  expect(nth(errors, 1).reason).toBe('no answer within 200 ms');
  expect(nth(errors, 2).reason).toBe('fetch failed: ECONNREFUSED');
});

const everywhere = async (): Promise<EscalationRoute[]> => [{ notify: ['log', 'webhook', 'teams'] }];

test('the router delivers to every routed notifier even when one throws, and logs the failure', async () => {
  const { logger, lines } = capturingLogger();
  const delivered: string[] = [];
  const router = new RoutedNotifier(everywhere, logger)
    .add('teams', {
      notify: async () => {
        throw new Error('teams is down');
      },
    })
    .add('webhook', { notify: async (e) => void delivered.push(`${e.kind} ${e.ticket.id}`) })
    .add('log', new LogNotifier(logger));

  await router.notify(breachEvent());

  expect(delivered).toEqual(['breach SR-2026-000042']);
  expect(lines.find((l) => l.msg === 'escalation notifier failed')).toBeDefined();
  expect(lines.find((l) => l.msg === 'SLA breached: SR-2026-000042')).toMatchObject({ level: 40, event: 'sla.breach' });
});

test('from the configuration: the log always, the webhook when ESCALATION_WEBHOOK_URL is set, bad settings named', async () => {
  const { logger, lines } = capturingLogger();
  const webhook = (env: NodeJS.ProcessEnv) => loadConfig(env).escalationWebhook;
  await escalationNotifierFromConfig(
    webhook({ ESCALATION_WEBHOOK_URL: url, ESCALATION_WEBHOOK_TIMEOUT_MS: '1500' }),
    everywhere,
    logger,
  ).notify(breachEvent());
  expect(received).toHaveLength(1);
  expect(lines.some((l) => l.msg === 'SLA breached: SR-2026-000042')).toBe(true);

  await escalationNotifierFromConfig(webhook({}), everywhere, logger).notify(breachEvent());
  expect(received).toHaveLength(1);

  expect(() => webhook({ ESCALATION_WEBHOOK_URL: 'not a url' })).toThrow(
    'ESCALATION_WEBHOOK_URL: must be a URL starting with http: or https:',
  );
  expect(() => webhook({ ESCALATION_WEBHOOK_URL: 'ftp://example.com/x' })).toThrow(
    'ESCALATION_WEBHOOK_URL: must be a URL starting with http: or https:',
  );
  expect(() => webhook({ ESCALATION_WEBHOOK_URL: url, ESCALATION_WEBHOOK_TIMEOUT_MS: '5s' })).toThrow(
    'ESCALATION_WEBHOOK_TIMEOUT_MS: must be a positive whole number',
  );
});
