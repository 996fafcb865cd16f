import { isIP } from 'net';
import { z } from 'zod';
import { clusterAddress } from './redisConnection';

/**
 * Every environment variable the product reads, validated once, with its default. The
 * composition root (bot/main.ts) calls loadConfig and hands each part to the code that needs it;
 * nothing else reads the environment. The README's configuration table lists exactly these variables
 * (test/unit/common/config.test.ts checks it).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: min > 0 ? 'must be a positive whole number' : `must be a whole number from ${min} to ${max}`,
    })
    .transform(Number);
const positiveNumber = z
  .string()
  .trim()
  .refine((v) => Number.isFinite(Number(v)) && Number(v) > 0, { message: 'must be a positive number' })
  .transform(Number);
const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
      message: `must be a URL starting with ${protocols.join(' or ')}//`,
    });
const atLeast = (length: number, example: string) =>
  z.string().trim().min(length, `must be at least ${length} characters (e.g. ${example})`);
const https = z.string().trim().url().startsWith('https://', 'must be an https URL');

/** Where Teams' Bot Framework service sends from (public cloud, GCC, GCC High, DoD). */
const DEFAULT_TEAMS_SERVICE_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const hostList = (value: string) =>
  value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

/** The service (`npm start`). */
const serviceSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: wholeNumber(0, 65535).default('3978'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: wholeNumber(1).default('10000'),
  HTTP_KEEP_ALIVE_MS: wholeNumber(1).default('5000'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((node) => node.trim())
        .filter(Boolean),
    )
    .refine((nodes) => nodes.every((node) => /^[^\s:,]+:\d{1,5}$/.test(node)), 'must be host:port,host:port,...'),
  REDIS_PREFIX: z.string().default('desk:'),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DIRECTORY_FILE: z.string().trim().optional(),
  API_TOKENS: z.string().optional(),
  API_TOKENS_FILE: z.string().trim().optional(),
  DEV_TOKENS_FILE: z.string().trim().default('.data/dev-tokens.json'),
  OIDC_ISSUER_URL: url(['http:', 'https:']).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).default('support-desk'),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URL: url(['http:', 'https:']).optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  OIDC_ID_CLAIM: z.string().trim().min(1).default('preferred_username'),
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default('desk_role'),
  OIDC_AGENT_ROLES: z.string().trim().min(1).default('agent'),
  OIDC_SUPERVISOR_ROLES: z.string().trim().min(1).default('supervisor'),
  OIDC_SKILLS_CLAIM: z.string().trim().min(1).default('desk_skills'),
  SESSION_IDLE_MINUTES: positiveNumber.default('30'),
  SESSION_MAX_HOURS: positiveNumber.default('12'),
  AUDIT_LOG_MAX_ENTRIES: wholeNumber(100).default('10000'),
  KB_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default('120'),
  KB_QUESTION_LOG_DAYS: positiveNumber.default('90'),
  TICKET_IDEMPOTENCY_DAYS: positiveNumber.default('7'),
  CLOSED_TICKET_RETENTION_DAYS: positiveNumber.default('365'),
  TICKET_ARCHIVE_DIR: z.string().trim().min(1).default('./.data/archive'),
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .refine((list) => list.split(',').every((address) => isIP(address.trim()) !== 0), {
      message: 'must be IP addresses separated by commas (the reverse proxies in front of the service)',
    })
    .optional(),
  MicrosoftAppId: z.string().trim().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().trim().optional(),
  TEAMS_SERVICE_HOSTS: z
    .string()
    .trim()
    .default(DEFAULT_TEAMS_SERVICE_HOSTS.join(','))
    .transform(hostList)
    .pipe(z.array(z.string().regex(HOST_PATTERN, 'must be host names (or *.domain), separated by commas')).min(1)),
  AGENTS_CONVERSATION_REFERENCE_FILE: z.string().trim().optional(),
  BOT_TURN_WAIT_MS: wholeNumber(1).default('10000'),
  PIN_SECRET: atLeast(32, 'openssl rand -hex 32').optional(),
  VERIFICATION_TTL_HOURS: positiveNumber.default('8'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Support Desk <no-reply@localhost>'),
  SMS_WEBHOOK_URL: url(['http:', 'https:']).optional(),
  SMS_WEBHOOK_TOKEN: z.string().optional(),
  SMS_WEBHOOK_TIMEOUT_MS: wholeNumber(1).default('5000'),
  OUTBOX_DIR: z.string().trim().default('./.data/outbox'),
  ESCALATION_WEBHOOK_URL: url(['http:', 'https:']).optional(),
  ESCALATION_WEBHOOK_TIMEOUT_MS: wholeNumber(1).default('5000'),
  SLA_CUSTOMER_WAIT_BUSINESS_DAYS: positiveNumber.default('1'),
  SLA_AUTO_LOWER_NOTICE_HOURS: positiveNumber.optional(),
  DELIVERY_RETRY_SECONDS: z
    .string()
    .trim()
    .default('5,30,120')
    .refine((list) => list.split(',').every((v) => Number.isFinite(Number(v)) && Number(v) >= 0 && v.trim() !== ''), {
      message: 'must be numbers of seconds separated by commas (the waits before each retry), e.g. 5,30,120',
    })
    .transform((list) => list.split(',').map((v) => Math.round(Number(v) * 1000))),
  DIRECTLINE_SECRET: atLeast(16, 'openssl rand -hex 32').optional(),
  DIRECTLINE_TOKEN_TTL_SECONDS: wholeNumber(1).default('1800'),
  DIRECTLINE_TRANSCRIPT_TTL_SECONDS: wholeNumber(1).default(String(30 * 24 * 3600)),
  DIRECTLINE_TOKENS_PER_MINUTE: wholeNumber(1).default('30'),
  DIRECTLINE_ACTIVITIES_PER_MINUTE: wholeNumber(1).default('120'),
  DIRECTLINE_SERVICE_URL: url(['http:', 'https:']).optional(),
  IMAP_URL: url(['imap:', 'imaps:']).optional(),
  IMAP_HOST: z.string().trim().min(1).optional(),
  IMAP_PORT: wholeNumber(1, 65535).optional(),
  IMAP_USER: z.string().trim().min(1).optional(),
  IMAP_PASSWORD: z.string().min(1).optional(),
  IMAP_TLS: z.enum(['true', 'false']).optional(),
  IMAP_FOLDER: z.string().trim().min(1).default('INBOX'),
  IMAP_POLL_SECONDS: positiveNumber.default('60'),
  MAIL_AUTO_REPLIES_PER_HOUR: wholeNumber(0).default('5'),
  MAIL_LOCK_SECONDS: wholeNumber(1).default('120'),
  ATTACHMENTS_DIR: z.string().trim().min(1).default('./.data/attachments'),
  ATTACHMENT_MAX_FILE_MB: positiveNumber.default('10'),
  ATTACHMENT_MAX_MESSAGE_MB: positiveNumber.default('25'),
  ATTACHMENT_LINK_TTL_SECONDS: wholeNumber(1).default('3600'),
  ATTACHMENT_UNLINKED_SECONDS: wholeNumber(1).default('172800'),
});

/** `npm run teams:package`. */
const teamsPackageSchema = z.object({
  MicrosoftAppId: z
    .string({ required_error: "is required: the Azure Bot registration's app id (a GUID)" })
    .trim()
    .regex(GUID, "must be the Azure Bot registration's app id (a GUID)"),
  TEAMS_APP_ID: z.string().trim().regex(GUID, 'must be a GUID').optional(),
  TEAMS_APP_VERSION: z
    .string()
    .trim()
    .regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0')
    .default('1.0.0'),
  TEAMS_DEVELOPER_NAME: z.string().trim().min(1).max(32).default('Support Desk'),
  TEAMS_WEBSITE_URL: https.default('https://example.com'),
  TEAMS_PRIVACY_URL: https.default('https://example.com/privacy'),
  TEAMS_TERMS_URL: https.default('https://example.com/terms'),
  TEAMS_PACKAGE_OUT: z.string().trim().default('dist/teams/support-desk.zip'),
});

/** Every variable the product knows, in the order of the README's table. */
export const CONFIG_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(serviceSchema.shape), ...Object.keys(teamsPackageSchema.shape)]),
];

export interface BotCredentials {
  appId: string;
  appPassword: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
}

export interface CodeDeliveryConfig {
  smtpUrl?: string;
  mailFrom: string;
  sms?: { url: string; token?: string; timeoutMs: number };
  /** Where codes go for a channel with no SMTP/SMS: local development only, never in production. */
  outboxDir?: string;
}

export interface DirectLineConfig {
  /** Signs web-chat tokens; absent: a random key per process (development). */
  secret?: string;
  tokenTtlSeconds: number;
  transcriptTtlSeconds: number;
  tokensPerMinute: number;
  activitiesPerMinute: number;
  /** Where the bot posts web-chat replies; absent: this instance's loopback address. */
  serviceBaseUrl?: string;
}

/** The support mailbox and the mail the desk answers with (the e-mail channel). */
export interface MailDeskConfig {
  imap: { host: string; port: number; secure: boolean; auth: { user: string; pass: string } };
  folder: string;
  pollMs: number;
  smtpUrl: string;
  from: string;
  /** "How to reach support" answers one address gets at most in any hour. */
  autoRepliesPerHour: number;
  /** How long an instance may hold a mail before another takes it over (one that stalled or died). */
  lockMs: number;
}

export interface Config {
  production: boolean;
  port: number;
  logLevel: string;
  /** How long a stop (SIGTERM, SIGINT) lets requests in flight finish before the process exits anyway. */
  shutdownGraceMs: number;
  /** How long an idle kept-alive HTTP connection stays open: longer than a load balancer's idle timeout in front. */
  keepAliveMs: number;
  /** The address customers' browsers reach the service at (web-chat stream URLs); absent: this machine's loopback (development). */
  publicUrl?: string;
  /** `url`: a redis:// URL, or a Redis Cluster's nodes (REDIS_CLUSTER_NODES) as redisConnection.ts's cluster address. */
  redis: { url: string; prefix: string };
  /** DIRECTORY_FILE: a file, 'none', or absent (the demo directory outside production). */
  directoryFile?: string;
  apiTokens: { list?: string; file?: string; devTokensFile: string };
  /** Agents' sign-in and sessions, and the audit log. */
  auth: AuthConfig;
  kbRateLimitPerMinute: number;
  /** How long the learning loop keeps recorded questions (KB_QUESTION_LOG_DAYS). */
  kbQuestionLogDays: number;
  /** How long an Idempotency-Key of a ticket creation is kept (TICKET_IDEMPOTENCY_DAYS). */
  ticketIdempotencyDays: number;
  /** After how many days a closed ticket moves from Redis to the archive (CLOSED_TICKET_RETENTION_DAYS). */
  closedTicketRetentionDays: number;
  /** Where the archive's files are (TICKET_ARCHIVE_DIR); with several instances, one shared folder. */
  ticketArchiveDir: string;
  /** Reverse proxies whose X-Forwarded-For names the client (per-client limits); none by default. */
  trustedProxies: string[];
  bot: BotCredentials;
  /** Hosts (or *.domain) a Teams conversation's serviceUrl may name: where the Bot Framework token may be sent. */
  teamsServiceHosts: string[];
  agentsConversationReferenceFile?: string;
  /** How long a message waits for the previous turn of its conversation (on any instance) before it is refused. */
  turnWaitMs: number;
  verification: { pinSecret?: string; ttlHours: number; delivery: CodeDeliveryConfig };
  escalationWebhook?: { url: string; timeoutMs: number };
  /** Business days (of a ticket's calendar) a ticket waits on the customer before "customer not responding" may lower its grade. */
  sla: { customerWaitBusinessDays: number; autoLowerNoticeHours?: number };
  /** The waits before each retry of an outbound message on one channel (ms); when spent, the chat falls back to e-mail. */
  deliveryRetryDelaysMs: number[];
  directLine: DirectLineConfig;
  /** Absent when no support mailbox is configured (neither IMAP_URL nor IMAP_HOST). */
  mail?: MailDeskConfig;
  attachments: AttachmentsConfig;
}

/** How agents sign in: the organisation's OpenID Connect provider, or (absent, outside production) the desk's development one. */
export interface AuthConfig {
  oidc?: {
    issuerUrl: string;
    clientId: string;
    clientSecret?: string;
    scopes: string;
  };
  /** Which ID-token claims give the person's id, role and skills (OIDC_*_CLAIM, OIDC_*_ROLES). */
  claims: { idClaim: string; roleClaim: string; agentRoles: string[]; supervisorRoles: string[]; skillsClaim: string };
  /** This desk's /auth/callback as the provider knows it; absent: <PUBLIC_URL or http://localhost:<port>>/auth/callback. */
  redirectUrl?: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  auditMaxEntries: number;
}

/** Where customers' and agents' files are kept, how large they may be, and how long a chat's download link works. */
export interface AttachmentsConfig {
  dir: string;
  fileBytes: number;
  messageBytes: number;
  linkTtlSeconds: number;
  /** How long an upload no ticket links is kept before it is swept (ms). */
  unlinkedMs: number;
}

export interface TeamsPackageConfig {
  appId: string;
  teamsAppId?: string;
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
  out: string;
}

/**
 * Reads the service's configuration; a bad value throws one line naming every variable at fault,
 * and so does a production start without what production needs (see productionGaps).
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const e = parse(serviceSchema, env, 'Invalid configuration');
  const production = e.NODE_ENV === 'production';
  if (production) {
    const gaps = productionGaps(e);
    if (gaps.length) throw new Error(`NODE_ENV=production needs ${gaps.join('; ')}`);
  }
  return {
    production,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    keepAliveMs: e.HTTP_KEEP_ALIVE_MS,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    redis: { url: e.REDIS_CLUSTER_NODES.length ? clusterAddress(e.REDIS_CLUSTER_NODES) : e.REDIS_URL, prefix: e.REDIS_PREFIX },
    directoryFile: e.DIRECTORY_FILE,
    apiTokens: { list: e.API_TOKENS, file: e.API_TOKENS_FILE, devTokensFile: e.DEV_TOKENS_FILE },
    auth: authConfig(e),
    kbRateLimitPerMinute: e.KB_RATE_LIMIT_PER_MINUTE,
    kbQuestionLogDays: e.KB_QUESTION_LOG_DAYS,
    ticketIdempotencyDays: e.TICKET_IDEMPOTENCY_DAYS,
    closedTicketRetentionDays: e.CLOSED_TICKET_RETENTION_DAYS,
    ticketArchiveDir: e.TICKET_ARCHIVE_DIR,
    trustedProxies: e.TRUSTED_PROXIES ? e.TRUSTED_PROXIES.split(',').map((address) => address.trim()) : [],
    bot: {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword ?? '',
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId ?? '',
    },
    teamsServiceHosts: e.TEAMS_SERVICE_HOSTS,
    agentsConversationReferenceFile: e.AGENTS_CONVERSATION_REFERENCE_FILE,
    turnWaitMs: e.BOT_TURN_WAIT_MS,
    verification: {
      pinSecret: e.PIN_SECRET,
      ttlHours: e.VERIFICATION_TTL_HOURS,
      delivery: {
        smtpUrl: e.SMTP_URL,
        mailFrom: e.MAIL_FROM,
        sms: e.SMS_WEBHOOK_URL ? { url: e.SMS_WEBHOOK_URL, token: e.SMS_WEBHOOK_TOKEN, timeoutMs: e.SMS_WEBHOOK_TIMEOUT_MS } : undefined,
        outboxDir: production ? undefined : e.OUTBOX_DIR,
      },
    },
    escalationWebhook: e.ESCALATION_WEBHOOK_URL ? { url: e.ESCALATION_WEBHOOK_URL, timeoutMs: e.ESCALATION_WEBHOOK_TIMEOUT_MS } : undefined,
    sla: { customerWaitBusinessDays: e.SLA_CUSTOMER_WAIT_BUSINESS_DAYS, autoLowerNoticeHours: e.SLA_AUTO_LOWER_NOTICE_HOURS },
    deliveryRetryDelaysMs: e.DELIVERY_RETRY_SECONDS,
    directLine: {
      secret: e.DIRECTLINE_SECRET,
      tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
      transcriptTtlSeconds: e.DIRECTLINE_TRANSCRIPT_TTL_SECONDS,
      tokensPerMinute: e.DIRECTLINE_TOKENS_PER_MINUTE,
      activitiesPerMinute: e.DIRECTLINE_ACTIVITIES_PER_MINUTE,
      serviceBaseUrl: e.DIRECTLINE_SERVICE_URL,
    },
    mail: mailDeskConfig(e),
    attachments: {
      dir: e.ATTACHMENTS_DIR,
      fileBytes: Math.round(e.ATTACHMENT_MAX_FILE_MB * 1024 * 1024),
      messageBytes: Math.round(e.ATTACHMENT_MAX_MESSAGE_MB * 1024 * 1024),
      linkTtlSeconds: e.ATTACHMENT_LINK_TTL_SECONDS,
      unlinkedMs: e.ATTACHMENT_UNLINKED_SECONDS * 1000,
    },
  };
}

function authConfig(e: z.output<typeof serviceSchema>): AuthConfig {
  const list = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return {
    oidc: e.OIDC_ISSUER_URL
      ? { issuerUrl: e.OIDC_ISSUER_URL, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, scopes: e.OIDC_SCOPES }
      : undefined,
    claims: {
      idClaim: e.OIDC_ID_CLAIM,
      roleClaim: e.OIDC_ROLE_CLAIM,
      agentRoles: list(e.OIDC_AGENT_ROLES),
      supervisorRoles: list(e.OIDC_SUPERVISOR_ROLES),
      skillsClaim: e.OIDC_SKILLS_CLAIM,
    },
    redirectUrl: e.OIDC_REDIRECT_URL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    auditMaxEntries: e.AUDIT_LOG_MAX_ENTRIES,
  };
}

/** The mailbox from IMAP_URL and/or its parts; reading mail needs SMTP_URL for the answers. */
function mailDeskConfig(e: z.output<typeof serviceSchema>): MailDeskConfig | undefined {
  if (!e.IMAP_URL && !e.IMAP_HOST) return undefined;
  const url = e.IMAP_URL ? new URL(e.IMAP_URL) : null;
  const secure = e.IMAP_TLS ? e.IMAP_TLS === 'true' : url ? url.protocol === 'imaps:' : true;
  const user = e.IMAP_USER ?? decodeURIComponent(url?.username ?? '');
  const pass = e.IMAP_PASSWORD ?? decodeURIComponent(url?.password ?? '');
  if (!user || !pass)
    throw new Error(
      'Invalid configuration: IMAP_USER/IMAP_PASSWORD: the support mailbox needs a user and password (in IMAP_URL or IMAP_USER and IMAP_PASSWORD)',
    );
  if (!e.SMTP_URL) throw new Error('Invalid configuration: SMTP_URL: reading the support mailbox needs SMTP_URL for its answers');
  return {
    imap: {
      host: e.IMAP_HOST ?? url!.hostname,
      port: e.IMAP_PORT ?? (url?.port ? Number(url.port) : secure ? 993 : 143),
      secure,
      auth: { user, pass },
    },
    folder: e.IMAP_FOLDER,
    pollMs: e.IMAP_POLL_SECONDS * 1000,
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    autoRepliesPerHour: e.MAIL_AUTO_REPLIES_PER_HOUR,
    lockMs: e.MAIL_LOCK_SECONDS * 1000,
  };
}

/**
 * What a production start lacks: Bot Framework authentication (without it anyone could post to
 * /api/messages as a Teams user), the secrets every instance must share, a real way to deliver
 * codes (never the plain-text outbox), API tokens, and the public address for web-chat streams.
 */
function productionGaps(e: z.output<typeof serviceSchema>): string[] {
  const gaps: string[] = [];
  if (!e.MicrosoftAppId || (!e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI')) {
    gaps.push('MicrosoftAppId and MicrosoftAppPassword (Bot Framework authentication for Teams)');
  }
  if (!e.DIRECTLINE_SECRET) gaps.push('DIRECTLINE_SECRET (signs web-chat tokens on every instance)');
  if (!e.PIN_SECRET) gaps.push('PIN_SECRET (key of the one-time codes)');
  if (!e.SMTP_URL && !e.SMS_WEBHOOK_URL) gaps.push('SMTP_URL or SMS_WEBHOOK_URL (codes are never written to the outbox in production)');
  if (!e.API_TOKENS && !e.API_TOKENS_FILE) gaps.push('API_TOKENS or API_TOKENS_FILE');
  if (!e.PUBLIC_URL) gaps.push('PUBLIC_URL (the https address customers reach the web chat at)');
  if (!e.OIDC_ISSUER_URL?.startsWith('https://'))
    gaps.push("OIDC_ISSUER_URL (the https address of the organisation's identity provider, for agents' sign-in)");
  return gaps;
}

/** What the Teams app package is built from (placeholders where a value is optional). */
export function loadTeamsPackageConfig(env: NodeJS.ProcessEnv): TeamsPackageConfig {
  const e = parse(teamsPackageSchema, env, 'Cannot build the Teams app package');
  return {
    appId: e.MicrosoftAppId,
    teamsAppId: e.TEAMS_APP_ID,
    version: e.TEAMS_APP_VERSION,
    developerName: e.TEAMS_DEVELOPER_NAME,
    websiteUrl: e.TEAMS_WEBSITE_URL,
    privacyUrl: e.TEAMS_PRIVACY_URL,
    termsUrl: e.TEAMS_TERMS_URL,
    out: e.TEAMS_PACKAGE_OUT,
  };
}

function parse<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv, what: string): z.output<S> {
  // `SMTP_URL=` in a .env file means "not set", not "invalid URL".
  const given = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = (parsed.error as z.ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${what}: ${problems.join('; ')}`);
  }
  return parsed.data;
}
