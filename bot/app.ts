import type { Request, Response, Server } from 'restify';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import type { ConversationReference } from 'botbuilder';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { Metrics } from '../common/metrics';
import { clientAddressResolver } from '../common/clientAddress';
import { rateLimit } from '../common/rateLimit';
import { connectRedis, endConnection, newRedisClient, redisOptions, type RedisConnection } from '../common/redisConnection';
import {
  KbRevisions,
  LiveKnowledgeBase,
  loadArticles,
  QuestionLog,
  recordingAnswers,
  registerKnowledgeRoutes,
  registerLearningRoutes,
} from '../knowledge';
import {
  AccessGate,
  actorOf,
  AuditLog,
  startCellsBackfill,
  startSearchBackfill,
  DEFAULT_TIME_ZONE,
  collectTicketGauges,
  createOutboundMail,
  Deliveries,
  type DnsResolver,
  createPinVerification,
  DEMO_AGENTS,
  escalationNotifierFromConfig,
  loadStartupDirectory,
  loadTokens,
  type MailDesk,
  type OidcSettings,
  type Principal,
  registerSignIn,
  PeopleStore,
  SessionStore,
  startDevIdentityProvider,
  OrganisationStore,
  registerTicketingRoutes,
  registerAttachmentRoutes,
  AttachmentStore,
  FileStore,
  agentScope,
  SlaTimers,
  startMailDesk,
  startUnlinkedSweep,
  startArchiving,
  type TicketEvents,
  ticketMetrics,
  SlaPolicies,
  TicketService,
} from '../ticketing';
import { createAdapter, registerBotRoutes } from './adapter';
import { isTeamsService, refuseReference, type ChannelRules } from './channels';
import { createDeskBot } from './createDeskBot';
import { CHANNEL_ID as WEB_CHANNEL, registerDirectLine } from './directline';
import { createEscalationNotifier, loadConversationReference } from './proactive/escalationNotifier';
import { createReplyDelivery } from './proactive/replyDelivery';
import { createServer } from './server';
import { startStartupProbes, type StartupProbes } from './startupProbes';
import { registerWebPages } from './web';
import { withMessageLimit } from './messageLimit';
import { withStoreOutage } from './storeOutage';
import { collectDependencyGauges, collectWebChatGauges, countedAnswers, observedBot } from './serviceMetrics';

export interface App {
  server: Server;
  /** http://127.0.0.1:<port> once listening. */
  url: string;
  redis: RedisConnection;
  tickets: TicketService;
  organisations: OrganisationStore;
  metrics: Metrics;
  /** The e-mail channel, when a support mailbox is configured (IMAP_URL or IMAP_HOST). */
  mail: MailDesk | null;
  /** Stops accepting, finishes what is in flight, closes the SLA queue and Redis. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Everything read from the environment (common/config.ts); port 0 picks a free one (tests). */
  config: Config;
  logger: Logger;
  /** Start a private redis-server when nothing answers at REDIS_URL (npm start in development, not tests; never in production). */
  startLocalRedis?: boolean;
  /** DNS for mail authentication (tests give their own answers); the system's resolver otherwise. */
  dnsResolver?: DnsResolver;
}

/**
 * Builds the whole service from its configuration and listens: knowledge API, ticketing API,
 * the bot on /api/messages, the web chat's Direct Line endpoint and pages, SLA timers, metrics.
 * In production the startup probes hold the port meanwhile, however long it waits for Redis.
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const probes = options.config.production ? await startStartupProbes(options.config.port, 'starting') : undefined;
  try {
    return await assembleApp(options, probes);
  } catch (err) {
    await probes?.close();
    throw err;
  }
}

async function assembleApp(options: AppOptions, probes: StartupProbes | undefined): Promise<App> {
  const { config, logger } = options;
  const { prefix } = config.redis;
  // Production waits for its own Redis: a private empty one would split tickets, locks and timers.
  const redis = await connectRedis(config.redis.url, logger, {
    startLocalIfMissing: !config.production && (options.startLocalRedis ?? false),
    waitIfMissing: config.production,
    onWaiting: probes?.setReason,
  });
  probes?.setReason('starting: Redis answers; loading the knowledge base, the directory and the SLA timers');
  // The articles plus the agents' console revisions, reloaded on every instance when one changes;
  // questions it does not settle are recorded for the Knowledge page.
  const liveKb = new LiveKnowledgeBase(loadArticles(), new KbRevisions(redis.client, prefix), logger);
  await liveKb.start(redis.client);
  const questionLog = new QuestionLog(redis.client, prefix, {
    retentionMs: config.kbQuestionLogDays * 24 * 3600 * 1000,
    maxEvents: 20_000,
  });
  const kb = recordingAnswers(liveKb, questionLog, () => Date.now(), logger);
  const metrics = new Metrics();

  const organisations = new OrganisationStore(redis.client, prefix);
  await loadStartupDirectory(config, organisations, logger);
  await organisations.indexNames();

  // Listeners are attached below, once the bot that delivers replies exists.
  const listeners: TicketEvents[] = [];
  const events = fanOut(listeners, logger);
  const idempotencyDays = config.ticketIdempotencyDays;
  const loweringRules = { customerWaitBusinessDays: config.sla.customerWaitBusinessDays, autoNoticeHours: config.sla.autoLowerNoticeHours };
  // One set of SLA policy versions; escalations are routed by the latest one. The notifier is told
  // of misses a change records before their timer fires, and of every timer event (below).
  const policies = new SlaPolicies(redis.client, prefix);
  const notifier = escalationNotifierFromConfig(config.escalationWebhook, async () => (await policies.current()).escalations ?? [], logger);
  const deliveryPolicy = { retryDelaysMs: config.deliveryRetryDelaysMs, leaseMs: 120_000 };
  const slaDeps = {
    organisations,
    logger,
    events,
    loweringRules,
    idempotencyDays,
    policies,
    escalations: notifier,
    deliveryPolicy,
    archiveDir: config.ticketArchiveDir,
  };
  const tickets = new TicketService({
    redis: redis.client,
    prefix,
    ...slaDeps,
    cellsPending: () => cells.pending(),
    searchPending: () => searchIndex.pending(),
  });
  // A store written before the list cells or the search index existed gets them once, in the
  // background once the service listens (a walk of the whole store would slow the start-up):
  // until then lists on several filters and search answer 503 saying how far the fill is, and
  // /readyz says it too.
  let listening: () => void = () => undefined;
  const walkAfter = new Promise<void>((resolve) => (listening = resolve));
  const cells = startCellsBackfill(tickets.store, logger, { walkAfter });
  const searchIndex = startSearchBackfill(tickets.store, logger, { walkAfter });
  await Promise.all([cells.firstLook, searchIndex.firstLook]);
  const stillPreparing = () => [cells.pending(), searchIndex.pending()].filter(Boolean).join('; ') || undefined;
  const retention = startArchiving(tickets.store, tickets.archive, { retentionDays: config.closedTicketRetentionDays }, logger);
  // The SLA timers' tickets wait out a Redis outage on a patient connection: failing fast there
  // would hand an event due at the outage to Bull's retry back-off and fire it seconds late.
  const slaRedis = newRedisClient(redis.url, redisOptions());
  slaRedis.on('error', (err) => logger.warn({ err: err.message }, 'SLA tickets: redis connection error'));
  const slaTickets = new TicketService({ redis: slaRedis, prefix, ...slaDeps });
  const verification = await createPinVerification({
    redis: redis.client,
    prefix,
    config: config.verification,
    logger,
    findOrganisation: (orgId) => organisations.get(orgId),
  });

  const storeAvailable = () => redis.client.status === 'ready';
  // Production never generates tokens: an API without configured ones refuses to start.
  const tokens = loadTokens({ ...config.apiTokens, devTokensFile: config.production ? undefined : config.apiTokens.devTokensFile });
  // Machines present tokens; agents sign in with the identity provider into a session in Redis.
  const sessions = new SessionStore<Principal>(redis.client, prefix, {
    idleMs: config.auth.sessionIdleMs,
    absoluteMs: config.auth.sessionMaxMs,
  });
  const audit = new AuditLog(redis.client, prefix, config.auth.auditMaxEntries);
  const gate = new AccessGate({ tokens, redis: redis.client, prefix, sessions, audit, people: new PeopleStore(redis.client, prefix) });
  const authoriseMetrics = (req: Request, res: Response) => gate.authorise(req, res, ['operator']);
  const server = createServer({
    logger,
    metrics,
    notReadyBecause: () => (storeAvailable() ? undefined : 'Redis is not reachable'),
    stillPreparing,
    authoriseMetrics,
    keepAliveMs: config.keepAliveMs,
  });
  const clientOf = clientAddressResolver(config.trustedProxies);
  const publicLimit = rateLimit({
    redis: redis.client,
    prefix,
    name: 'kb',
    limit: config.kbRateLimitPerMinute,
    windowSeconds: 60,
    clientOf,
  });
  const countedKb = countedAnswers(kb, metrics);
  registerKnowledgeRoutes(server, countedKb, logger, { before: [publicLimit] });
  // Where replies may go: Teams on Bot Framework's hosts, web chat on this desk's own connector
  // (loopback services too in development, for the Emulator).
  const channelRules: ChannelRules = {
    teamsServiceHosts: config.teamsServiceHosts,
    allowLoopback: !config.production,
    webServiceBaseUrl: config.directLine.serviceBaseUrl,
  };
  const attachments = new AttachmentStore(redis.client, prefix, new FileStore(config.attachments.dir), config.attachments);
  const unlinkedSweep = startUnlinkedSweep(attachments, config.attachments.unlinkedMs, logger.child({ component: 'attachments' }));
  registerTicketingRoutes(server, {
    service: tickets,
    organisations,
    gate,
    logger,
    refuseConversation: (reference) => refuseReference(channelRules, reference),
    replyFiles: (ticketId, ids) => attachments.filesOf(agentScope(ticketId), ids),
  });
  registerAttachmentRoutes(server, { tickets, attachments, gate, logger });
  let oidc: OidcSettings | undefined = config.auth.oidc && {
    ...config.auth.oidc,
    redirectUrls: [config.auth.redirectUrl ?? `${config.publicUrl ?? `http://localhost:${config.port}`}/auth/callback`],
    claims: config.auth.claims,
  };
  registerSignIn(server, { oidc: () => oidc, gate, sessions, redis: redis.client, prefix, logger });
  registerLearningRoutes(server, {
    kb: liveKb,
    log: questionLog,
    authorise: async (req, res) => actorOf(await gate.authorise(req, res, ['agent', 'operator'])),
    clock: () => Date.now(),
    logger,
  });
  const web = registerWebPages(server, { logger, redis: redis.client, prefix, gate, organisations });
  listeners.push(web.events);

  const desk = createDeskBot({
    kb: countedKb,
    probeKb: liveKb,
    entries: liveKb,
    tickets,
    organisations,
    verifier: verification.verifier,
    redis: redis.client,
    prefix,
    logger,
    turnWaitMs: config.turnWaitMs,
    attachments,
    tokenMayGoTo: (url) => isTeamsService(channelRules, url),
    onLearning: (event) => questionLog.record(event, Date.now()),
  });
  // With Redis down the bot still answers questions and says that tickets are unavailable.
  const bot = observedBot(
    withMessageLimit(
      withStoreOutage({ bot: desk.bot, kb: countedKb, intents: desk.intents, contacts: desk.contacts, storeAvailable, logger }),
    ),
    metrics,
    logger,
  );
  const adapter = createAdapter(config.bot, logger);
  registerBotRoutes(server, { adapter, bot, rules: channelRules, logger });
  const directLine = registerDirectLine(server, {
    bot,
    redis: redis.client,
    prefix,
    logger,
    clientOf,
    ...config.directLine,
    publicUrl: config.publicUrl,
    files: { store: attachments, linkTtlSeconds: config.attachments.linkTtlSeconds },
  });
  // A failed web-chat turn gets the same apology as a Teams one.
  directLine.adapter.onTurnError = adapter.onTurnError;
  collectWebChatGauges(metrics, directLine);

  const delivery = createReplyDelivery({
    routeFor: (reference: Partial<ConversationReference>) => {
      const refusal = refuseReference(channelRules, reference);
      if (refusal) throw new Error(`conversation reference refused: ${refusal}`);
      // A web-chat reply goes to this instance's connector whatever the reference says: its key never leaves.
      if (reference.channelId === WEB_CHANNEL)
        return { adapter: directLine.adapter, reference: { ...reference, serviceUrl: directLine.connectorUrl() } };
      return { adapter, reference };
    },
    appId: config.bot.appId,
    awaiting: desk.awaiting,
    ratings: desk.ratings,
    fileLink: (attachmentId, ticketId) => directLine.replyFileLink(attachmentId, ticketId),
    logger,
    timeZoneOf: async (orgId) => (await organisations.get(orgId))?.timeZone ?? DEFAULT_TIME_ZONE,
  });
  listeners.push(ticketMetrics(metrics, logger));
  // Agents' replies and notices: to the chat first, by e-mail when it cannot be reached (or for mail tickets).
  const { smtpUrl, mailFrom } = config.verification.delivery;
  const outboundMail = smtpUrl
    ? createOutboundMail({ smtpUrl, from: mailFrom, redis: redis.client, prefix, tickets, organisations, logger, attachments })
    : null;
  const deliveries = new Deliveries({
    redisUrl: redis.url,
    prefix,
    service: tickets,
    channels: { chat: delivery.chat, ...(outboundMail ? { email: outboundMail.channel } : {}) },
    logger: logger.child({ component: 'delivery' }),
  });

  const agentsChannel = config.agentsConversationReferenceFile ? loadConversationReference(config.agentsConversationReferenceFile) : null;
  const agentsRefusal = agentsChannel && refuseReference(channelRules, agentsChannel);
  if (agentsRefusal) throw new Error(`AGENTS_CONVERSATION_REFERENCE_FILE ${config.agentsConversationReferenceFile}: ${agentsRefusal}`);
  const mail = await startMailDesk({
    config: config.mail,
    redis: redis.client,
    prefix,
    tickets,
    organisations,
    logger,
    resolver: options.dnsResolver,
    attachments,
  });

  notifier.add('teams', createEscalationNotifier({ delivery, agentsChannel, logger }));
  const timers = new SlaTimers({ redisUrl: redis.url, prefix, service: slaTickets, notifier, logger, metrics });
  collectDependencyGauges(metrics, { redis: redis.client, slaQueueHealthy: () => timers.healthy() });
  collectTicketGauges(metrics, { redis: redis.client, prefix, cellsPending: () => cells.pending() });

  await probes?.close();
  await listen(server, probes?.port ?? config.port);
  listening();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // No identity provider configured (never in production): the desk's own, with the demo agents.
  const devIdentity = oidc ? null : await startDevIdentity(url, config, logger);
  oidc ??= devIdentity?.settings;
  // Reconciliation on many tickets takes seconds; the timers log its report themselves.
  timers.start().catch((err) => logger.error({ err }, 'SLA timers failed to start'));
  deliveries.start();

  return {
    server,
    url,
    redis,
    tickets,
    organisations,
    metrics,
    mail,
    async close() {
      // Stop accepting first, then end the long-lived streams (console events, chat sockets)
      // that would otherwise keep server.close() waiting.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await web.close();
      await directLine.close();
      await closed;
      await mail?.close();
      await deliveries.stop();
      outboundMail?.close();
      await timers.stop();
      retention.stop();
      unlinkedSweep.stop();
      cells.stop();
      searchIndex.stop();
      await liveKb.close();
      await endConnection(slaRedis);
      await verification.close();
      await devIdentity?.provider.close();
      await redis.close();
    },
  };
}

/**
 * The development identity provider on loopback, for a desk without OIDC_ISSUER_URL outside
 * production: the demo agents sign in through it at both localhost and 127.0.0.1.
 */
async function startDevIdentity(url: string, config: Config, logger: Logger) {
  const port = new URL(url).port;
  const redirectUrls = [`http://localhost:${port}/auth/callback`, `http://127.0.0.1:${port}/auth/callback`];
  if (config.publicUrl) redirectUrls.unshift(`${config.publicUrl}/auth/callback`);
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = await startDevIdentityProvider({ clientId: 'support-desk-dev', clientSecret, redirectUris: redirectUrls });
  logger.warn(
    { issuer: provider.issuer, accounts: DEMO_AGENTS.map((a) => `${a.id} (${a.role})`) },
    `agents sign in at the development identity provider ${provider.issuer} (demo accounts, password "demo"); set OIDC_ISSUER_URL for a real one`,
  );
  const settings: OidcSettings = {
    issuerUrl: provider.issuer,
    clientId: 'support-desk-dev',
    clientSecret,
    redirectUrls,
    scopes: 'openid profile email desk',
    claims: config.auth.claims,
  };
  return { provider, settings };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/** One TicketEvents that calls every listener; a failing listener never breaks a ticket change. */
function fanOut(listeners: TicketEvents[], logger: Logger): TicketEvents {
  const call = <K extends keyof TicketEvents>(name: K, ...args: Parameters<NonNullable<TicketEvents[K]>>) => {
    for (const l of listeners) {
      try {
        (l[name] as ((...a: unknown[]) => void) | undefined)?.(...args);
      } catch (err) {
        logger.error({ err, event: name }, 'ticket event listener failed');
      }
    }
  };
  return {
    onCreated: (t) => call('onCreated', t),
    onChanged: (t, change) => call('onChanged', t, change),
    onAgentReply: (t, m) => call('onAgentReply', t, m),
    onSlaEvent: (t, kind) => call('onSlaEvent', t, kind),
    onDelivery: (t, m) => call('onDelivery', t, m),
  };
}
