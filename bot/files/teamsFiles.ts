import type { Attachment, TurnContext } from 'botbuilder';
import type { AttachmentStore, IncomingFile, MessageFiles, RefusedFile } from '../../ticketing';

/** The bot's Bot Framework token, as the connector client of the turn holds it (none in local development). */
type TokenSource = { getToken?: () => Promise<string> };

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/**
 * Files a customer sends in Teams: a file in a personal chat arrives as a download-info card whose
 * downloadUrl is pre-authorised (no token may go there); a pasted image as a contentUrl on the
 * Bot Framework service, which the bot fetches with its own token, and only from the hosts
 * replies may go to (the token must never reach anyone else).
 */
export class TeamsFiles {
  constructor(
    private readonly deps: {
      store: AttachmentStore;
      /** Whether the bot's token may be sent to this URL (the Teams service hosts). */
      tokenMayGoTo: (url: string) => boolean;
      fetch?: typeof fetch;
    },
  ) {}

  async of(context: TurnContext, files: readonly Attachment[]): Promise<MessageFiles> {
    const incoming: IncomingFile[] = [];
    const refused: RefusedFile[] = [];
    const limit = this.deps.store.limits.fileBytes;
    for (const file of files) {
      const name = file.name ?? 'file';
      try {
        const info = file.contentType === FILE_DOWNLOAD_INFO ? (file.content as { downloadUrl?: unknown } | undefined) : undefined;
        if (info && typeof info.downloadUrl === 'string') incoming.push({ name, data: await this.download(info.downloadUrl, null, limit) });
        else if (file.contentUrl && this.deps.tokenMayGoTo(file.contentUrl))
          incoming.push({ name, data: await this.download(file.contentUrl, await tokenOf(context), limit) });
        else refused.push({ name, reason: 'the file could not be fetched from Teams' });
      } catch (err) {
        refused.push({ name, reason: (err as Error).message });
      }
    }
    const kept = await this.deps.store.accept(incoming, `teams:${context.activity.conversation.id}`, new Date());
    return { attachments: kept.attachments, refused: [...refused, ...kept.refused] };
  }

  /** The file's bytes, refused as soon as it passes the cap (one byte more than allowed tells the store it is too large). */
  private async download(url: string, token: string | null, limit: number): Promise<Buffer> {
    const response = await (this.deps.fetch ?? fetch)(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      redirect: token ? 'error' : 'follow',
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok || !response.body) throw new Error(`Teams did not hand over the file (HTTP ${response.status})`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      chunks.push(Buffer.from(chunk));
      if (size > limit) break;
    }
    return Buffer.concat(chunks);
  }
}

async function tokenOf(context: TurnContext): Promise<string | null> {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as { credentials?: TokenSource } | undefined;
  const token = await client?.credentials?.getToken?.().catch(() => '');
  return token || null;
}
