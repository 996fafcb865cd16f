import { CloudAdapter, ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { BotCredentials } from '../common/config';
import type { Logger } from '../common/logger';
import { z } from 'zod';
import { HttpError, describeZodError, route, sendError } from '../common/http';
import { localeFromTag, t } from './i18n';
import { refuseInbound, type ChannelRules } from './channels';
import { SharedClientsAuthentication } from './sharedClients';

/**
 * The Bot Framework adapter. With a MicrosoftAppId every request must carry a valid Bot
 * Framework token; without one authentication is off, which is only for local development, and
 * the log says so at start-up.
 */
export function createAdapter(credentials: BotCredentials, logger: Logger): CloudAdapter {
  const { appId } = credentials;
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppType: credentials.appType ?? (appId ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: credentials.tenantId,
  };
  if (!appId) {
    logger.warn(
      'MicrosoftAppId is not set: Bot Framework authentication is OFF (local development only; never expose /api/messages like this)',
    );
  } else {
    logger.info({ appId, appType: options.MicrosoftAppType }, 'Bot Framework authentication is on');
  }
  const adapter = new CloudAdapter(new SharedClientsAuthentication(options));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'bot turn failed');
    // The turn's own reply may be what failed; the customer still hears something.
    await context.sendActivity(errorText(context)).catch(() => undefined);
  };
  return adapter;
}

function errorText(context: TurnContext): string {
  return t(localeFromTag(context.activity.locale) ?? 'pl', 'error.generic');
}

/**
 * The fields the adapter reads before the bot's turn starts (and cannot recover from): a
 * serviceUrl that is not a string, for one, failed the whole request with a 500.
 */
const account = z.object({ id: z.string() }).passthrough();
const activityEnvelope = z
  .object({
    serviceUrl: z.string().optional(),
    channelId: z.string().optional(),
    conversation: account.optional(),
    from: account.optional(),
    recipient: account.optional(),
    text: z.string().optional(),
    locale: z.string().optional(),
  })
  .passthrough();

export interface BotRunner {
  run(context: TurnContext): Promise<void>;
}

/**
 * POST /api/messages: where Teams (and the Emulator, in development) deliver activities. An
 * activity whose serviceUrl is not a host of its channel is refused before the bot runs: the
 * bot's replies, with its token, go to that URL.
 */
export function registerBotRoutes(
  server: Server,
  deps: { adapter: CloudAdapter; bot: BotRunner; rules: ChannelRules; logger: Logger },
): void {
  server.post(
    '/api/messages',
    route(deps.logger, async (req: Request, res: Response) => {
      const body = req.body as { type?: unknown } | undefined;
      if (!body || typeof body !== 'object' || typeof body.type !== 'string' || !body.type) {
        throw new HttpError(400, 'invalid_activity', 'the body must be a Bot Framework activity: a JSON object with a "type"');
      }
      const envelope = activityEnvelope.safeParse(body);
      if (!envelope.success) throw new HttpError(400, 'invalid_activity', describeZodError(envelope.error));
      const refusal = refuseInbound(deps.rules, envelope.data);
      if (refusal) throw new HttpError(400, 'invalid_activity', refusal);
      await deps.adapter.process(req, withoutInternalErrors(res, deps.logger), (context) => deps.bot.run(context));
    }),
  );
}

/**
 * The response as the adapter writes it, except that a 5xx goes out as our JSON error: the
 * adapter would send the failure's message (e.g. which host a fetch could not reach). The
 * message goes to the log instead.
 */
function withoutInternalErrors(res: Response, logger: Logger): Response {
  let status = 200;
  let replaced = false;
  const shielded = {
    status(code: number) {
      status = code;
      return res.status(code);
    },
    header: res.header.bind(res),
    send(body?: unknown) {
      if (status < 500) return res.send(body);
      logger.error({ status, reason: typeof body === 'string' ? body : String(body) }, 'bot request failed');
      replaced = true;
      sendError(res, status, 'internal', 'internal error');
      return res;
    },
    end() {
      if (status >= 500 && !replaced) {
        replaced = true;
        sendError(res, status, 'internal', 'internal error');
      } else if (!res.writableEnded) res.end();
      return res;
    },
  };
  // The adapter uses only these four (botbuilder's ResponseT).
  return shielded as unknown as Response;
}
