import { createHmac, timingSafeEqual } from 'crypto';
import { DIRECTLINE_PATH } from './names';

export const ATTACHMENT_LINK_PATH = `${DIRECTLINE_PATH}/attachments`;

/**
 * Download links for the files of a web-chat conversation. Web Chat shows a file as a plain link
 * (an image as <img>), which carries no token: the link itself is the permission, signed for one
 * file in one conversation and valid for `ttlSeconds`. After that the page's token opens the file
 * (GET .../conversations/:id/attachments/:attachmentId).
 */
export class AttachmentLinks {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  /** The link's path and query (the page resolves it against its own origin). */
  link(attachmentId: string, conversationId: string, nowMs: number): string {
    const expires = Math.floor(nowMs / 1000) + this.ttlSeconds;
    const query = new URLSearchParams({ c: conversationId, e: String(expires), s: this.sign(attachmentId, conversationId, expires) });
    return `${ATTACHMENT_LINK_PATH}/${attachmentId}?${query.toString()}`;
  }

  /**
   * The link to a file an agent attached to a reply in ticket `ticketId`, for the customer's chat
   * (web or Teams): signed for that ticket's files, valid for `ttlSeconds` (as long as the chat's
   * history is kept: the reply shows the link that long).
   */
  replyFileLink(attachmentId: string, ticketId: string, nowMs: number, ttlSeconds: number): string {
    const expires = Math.floor(nowMs / 1000) + ttlSeconds;
    const query = new URLSearchParams({ t: ticketId, e: String(expires), s: this.sign(attachmentId, `ticket:${ticketId}`, expires) });
    return `${ATTACHMENT_LINK_PATH}/${attachmentId}?${query.toString()}`;
  }

  /** The conversation (or, for an agent's file, the ticket) a link was signed for, or why it opens nothing. */
  check(
    attachmentId: string,
    query: Record<string, unknown>,
    nowMs: number,
  ): { conversationId: string } | { ticketId: string } | { refused: string } {
    const conversationId = typeof query.c === 'string' ? query.c : '';
    const ticketId = typeof query.t === 'string' && !conversationId ? query.t : '';
    const holder = ticketId ? `ticket:${ticketId}` : conversationId;
    const expires = Number(query.e);
    const given = Buffer.from(typeof query.s === 'string' ? query.s : '');
    const expected = Buffer.from(this.sign(attachmentId, holder, expires));
    if (!holder || !Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { refused: 'this link is not valid' };
    }
    if (expires * 1000 <= nowMs) return { refused: 'this link has expired: open the file from the chat again' };
    return ticketId ? { ticketId } : { conversationId };
  }

  /** The attachment id of one of these links (as the bot sees it in an activity), or null. */
  static idOf(contentUrl: string | undefined): string | null {
    if (!contentUrl) return null;
    const path = new URL(contentUrl, 'http://link.invalid').pathname;
    const match = new RegExp(`^${ATTACHMENT_LINK_PATH}/([A-Za-z0-9_-]{22})$`).exec(path);
    return match?.[1] ?? null;
  }

  /** `holder`: a conversation id, or "ticket:<id>" (conversation ids never contain ':'). */
  private sign(attachmentId: string, holder: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`attachment\0${attachmentId}\0${holder}\0${expires}`).digest('base64url');
  }
}
