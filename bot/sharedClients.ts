import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { LruCache } from '../common/lruCache';

type Authentication = ConfigurationBotFrameworkAuthentication;
type ClaimsIdentity = Parameters<Authentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Clients kept per bot: a few service URLs (Teams' regions, the web chat's connector), never one per conversation. */
const MAX_CLIENTS = 64;

/**
 * Bot Framework authentication whose clients are built once. botbuilder builds a ConnectorClient
 * and a UserTokenClient (each with its HTTP pipeline and credentials) for every inbound turn,
 * though a turn answered with expectReplies uses neither; they depend only on the bot's app id,
 * the service URL and the audience, so they are kept and shared by every turn.
 */
export class SharedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new LruCache<string, Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokens = new LruCache<string, Promise<UserTokenClient>>(MAX_CLIENTS);

  override async authenticateRequest(...args: Parameters<Authentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override async authenticateStreamingRequest(...args: Parameters<Authentication['authenticateStreamingRequest']>) {
    const result = await super.authenticateStreamingRequest(...args);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const bot = botOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        kept(this.connectors, `${bot}\n${serviceUrl}\n${audience ?? ''}`, () =>
          super.createConnectorFactory(claimsIdentity).create(serviceUrl, audience),
        ),
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokens, botOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** Whose clients these are: the claims botbuilder takes the app id from (audience, else appid). */
function botOf(claimsIdentity: ClaimsIdentity): string {
  return `${claimsIdentity.getClaimValue('aud') ?? ''}\n${claimsIdentity.getClaimValue('appid') ?? ''}`;
}

/** The client kept under `key`, built on first use; one that failed to build is built again next time. */
function kept<T>(clients: LruCache<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  return clients.through(key, () => {
    const client = build();
    client.catch(() => clients.delete(key));
    return client;
  });
}
