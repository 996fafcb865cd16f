import type { AddressInfo } from 'net';
import type { RedisClient } from '../../../common/redisConnection';
import { createServer } from '../../../bot/server';
import { silentLogger } from '../../../common/logger';
import { DEMO_DIRECTORY_FILE, loadDirectory } from '../../../ticketing/demo/loadDirectory';
import { AccessGate, type OidcSettings, type Principal, registerSignIn, registerTicketingRoutes } from '../../../ticketing/http';
import { TokenRegistry } from '../../../ticketing/http/tokens';
import { loadConfig } from '../../../common/config';
import { startDevIdentityProvider } from '../../../ticketing/demo/devIdentityProvider';
import { AuditLog } from '../../../ticketing/store/auditLog';
import { SessionStore } from '../../../ticketing/store/sessionStore';
import { PeopleStore } from '../../../ticketing/store/peopleStore';
import { TicketService } from '../../../ticketing/service/ticketService';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { TicketChangeFeed } from '../../../ticketing/console/changeFeed';
import { registerConsole } from '../../../ticketing/console/registerConsole';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { startSmtpPeer } from '../../support/smtpPeer';
import { Deliveries } from '../../../ticketing/delivery/deliveries';
import { createOutboundMail } from '../../../ticketing/mail';

/** Tokens for the tests' own API calls (a machine's way in); people sign in through the identity provider. */
export const CONSOLE_TOKENS = {
  agent: 'console-agent-token-alice-0123',
  system: 'console-system-token-bot-01234',
};

/**
 * The ticketing API and the agent console on loopback over the run's Redis, with the demo
 * directory, and a real OpenID Connect provider (the development one, with the demo agents) that
 * agents sign in through. `clock.offsetMs` moves the service's clock (to open tickets in the past).
 */
export async function startConsoleApp(options: { prefix?: string } = {}) {
  const redis: RedisClient = testRedis();
  // Two apps given the same prefix are two instances of one desk.
  const prefix = options.prefix ?? uniquePrefix('console');
  const clock = { offsetMs: 0 };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const organisations = new OrganisationStore(redis, prefix);
  await loadDirectory(DEMO_DIRECTORY_FILE, organisations);
  const feed = new TicketChangeFeed({ redis, prefix, logger: silentLogger });
  const service = new TicketService({ redis, prefix, organisations, clock: now, events: feed.events });
  // Its tickets have no chat: replies reach the customer by e-mail, at a real SMTP peer.
  const smtp = await startSmtpPeer();
  const mail = createOutboundMail({
    smtpUrl: smtp.url,
    from: 'Desk <desk@desk.test>',
    redis,
    prefix,
    tickets: service,
    organisations,
    logger: silentLogger,
  });
  const deliveries = new Deliveries({ redisUrl: testRedisUrl(), prefix, service, channels: { email: mail.channel } });
  deliveries.start();
  const tokens = new TokenRegistry(
    [
      { token: CONSOLE_TOKENS.agent, role: 'agent', id: 'alice' },
      { token: CONSOLE_TOKENS.system, role: 'system', id: 'bot' },
    ],
    'test tokens',
  );
  const sessions = new SessionStore<Principal>(redis, prefix, { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 });
  const audit = new AuditLog(redis, prefix, 1000);
  const gate = new AccessGate({ tokens, redis, prefix, sessions, audit, people: new PeopleStore(redis, prefix) });
  const server = createServer({ logger: silentLogger });
  registerTicketingRoutes(server, { service, organisations, gate, logger: silentLogger, clock: now });
  const consoleRoutes = registerConsole(server, { gate, organisations, feed, logger: silentLogger });
  // The provider is started once the desk's address (its redirect URI) is known.
  const signIn: { oidc?: OidcSettings } = {};
  registerSignIn(server, { oidc: () => signIn.oidc, gate, sessions, redis, prefix, logger: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'console-test', clientSecret: 'console-test-client-secret', redirectUrls: [`${url}/auth/callback`] };
  const identity = await startDevIdentityProvider({ ...client, redirectUris: client.redirectUrls });
  signIn.oidc = { ...client, issuerUrl: identity.issuer, scopes: 'openid profile email desk', claims: loadConfig({}).auth.claims };
  let opened = 0;
  return {
    url,
    /** The development identity provider the console signs in through. */
    issuer: identity.issuer,
    gate,
    audit,
    service,
    clock,
    feed,
    smtp,
    /** Opens a ticket as the bot would, for the demo directory's organisations. */
    async open(fields: {
      orgId: 'contoso' | 'fabrikam';
      category: 'technical' | 'billing' | 'presales';
      grade: 'A' | 'B' | 'C';
      title: string;
      contact?: { email?: string; phone?: string; preferred: 'email' | 'phone' };
    }) {
      const admin =
        fields.orgId === 'contoso'
          ? { adminId: 'anna.kowalska', email: 'anna.kowalska@contoso.pl' }
          : { adminId: 'jan.nowak', email: 'jan.nowak@fabrikam.pl' };
      const { contact = { email: admin.email, preferred: 'email' }, ...rest } = fields;
      const { ticket } = await service.create(
        { ...rest, adminId: admin.adminId, description: `Opis: ${fields.title}`, affected: 'Exchange Online', contact },
        `console-test-${++opened}`,
      );
      return ticket;
    },
    async close() {
      await deliveries.stop();
      mail.close();
      await smtp.stop();
      consoleRoutes.close();
      await feed.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
      redis.disconnect();
    },
  };
}
