import type { ConversationReference, TurnContext } from 'botbuilder';
import { CONNECTOR_PATH } from './directline/connector';
import { CHANNEL_ID as WEB_CHANNEL } from './directline/names';
import { personScope } from '../common/conversationKeys';

export { personScope };

export const TEAMS_CHANNEL = 'msteams';
/** The Bot Framework Emulator: local development only. */
export const EMULATOR_CHANNEL = 'emulator';

/** Which conversations this desk serves, and where each channel's replies may be sent. */
export interface ChannelRules {
  /** Hosts (exact, or `*.domain`) a Teams serviceUrl may name: Bot Framework's service, which the bot's token is for. */
  teamsServiceHosts: string[];
  /** Development: the Emulator, and Teams-shaped tests, on loopback service URLs (authentication is off, no token is sent). */
  allowLoopback: boolean;
  /** DIRECTLINE_SERVICE_URL, when the web connector is reached by another address than loopback. */
  webServiceBaseUrl?: string;
}

type ReferenceLike = Partial<Pick<ConversationReference, 'channelId' | 'serviceUrl'>> & { conversation?: { id?: unknown } };

/**
 * Why a conversation reference cannot be used, or null: web chat is this desk's own connector,
 * Teams is Bot Framework's service hosts, nothing else is served.
 */
export function refuseReference(rules: ChannelRules, reference: ReferenceLike): string | null {
  const { channelId, serviceUrl } = reference;
  if (typeof reference.conversation?.id !== 'string' || !reference.conversation.id) return 'conversation.id: required';
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return 'serviceUrl: must be a URL';
  const url = new URL(serviceUrl);
  const loopback = isLoopback(url.hostname);
  switch (channelId) {
    case WEB_CHANNEL: {
      const own = rules.webServiceBaseUrl && url.origin === new URL(rules.webServiceBaseUrl).origin;
      if (url.pathname.replace(/\/+$/, '') === CONNECTOR_PATH && (loopback || own)) return null;
      return `serviceUrl: a ${WEB_CHANNEL} conversation is served by this desk's own connector (${CONNECTOR_PATH})`;
    }
    case TEAMS_CHANNEL:
      if (isTeamsService(rules, serviceUrl)) return null;
      return `serviceUrl: ${url.host} is not a Bot Framework service host for ${TEAMS_CHANNEL} (TEAMS_SERVICE_HOSTS)`;
    case EMULATOR_CHANNEL:
      if (rules.allowLoopback && loopback) return null;
      return `channelId: ${EMULATOR_CHANNEL} is for local development only`;
    default:
      return `channelId: ${String(channelId)} is not a channel of this desk (${TEAMS_CHANNEL}, ${WEB_CHANNEL})`;
  }
}

/** Whether a URL is on Bot Framework's service for Teams (loopback in development): where the bot's token may be sent. */
export function isTeamsService(rules: ChannelRules, address: string): boolean {
  if (!URL.canParse(address)) return false;
  const url = new URL(address);
  if (url.protocol === 'https:' && rules.teamsServiceHosts.some((host) => hostMatches(url.hostname, host))) return true;
  return rules.allowLoopback && isLoopback(url.hostname);
}

/** Why POST /api/messages refuses an activity, or null. Web chat arrives through the desk's own Direct Line endpoint only. */
export function refuseInbound(rules: ChannelRules, activity: ReferenceLike): string | null {
  if (activity.channelId === WEB_CHANNEL)
    return `channelId: ${WEB_CHANNEL} is this desk's own web chat, served at /v3/directline, not here`;
  return refuseReference(rules, activity);
}

/**
 * True when the turn's Bot Framework token was validated: only then does the channel vouch for
 * who is writing (Teams' aadObjectId and tenant). Anonymous turns (authentication off, the web
 * chat, tests) assert nothing.
 */
export function channelVouches(context: TurnContext): boolean {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as
    { isAuthenticated: boolean; authenticationType?: unknown; claims: unknown[] } | undefined;
  return !!identity && identity.isAuthenticated && identity.authenticationType !== 'anonymous' && identity.claims.length > 0;
}

export function personScopeOf(context: TurnContext): string {
  const { channelId, conversation, from } = context.activity;
  return personScope(channelId, conversation.id, from.id);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase();
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
}
