import type { Server } from 'restify';
import { HttpError, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import { attachmentOf } from '../domain/ticket';
import type { AccessGate } from './auth/accessGate';
import type { TicketService } from '../service/ticketService';
import type { AttachmentStore } from '../attachments/attachmentStore';
import { readUpload, sendFile } from '../attachments/fileHttp';

export const TICKET_ATTACHMENTS_PATH = '/api/tickets/:id/attachments';

/** Multipart overhead allowed on top of the files' own cap. */
const FORM_OVERHEAD = 64 * 1024;

/**
 * Agents' side of files: a ticket's file is downloaded with an agent's (or operator's) token and
 * only through a ticket that holds it; an agent uploads files for a reply (sent with the reply's
 * `attachments`, the ids this returns).
 */
export function registerAttachmentRoutes(
  server: Server,
  deps: { tickets: TicketService; attachments: AttachmentStore; gate: AccessGate; logger: Logger },
): void {
  const { tickets, attachments, gate, logger } = deps;

  server.get(
    `${TICKET_ATTACHMENTS_PATH}/:attachmentId`,
    route(logger, async (req, res) => {
      await gate.authorise(req, res, ['agent', 'operator']);
      const ticket = await tickets.get(String(req.params.id));
      const ref = ticket && attachmentOf(ticket, String(req.params.attachmentId));
      if (!ref) throw new HttpError(404, 'not_found', 'this ticket has no such file');
      const file = await attachments.open(ref.id);
      if (!file) throw new HttpError(404, 'not_found', 'the file is no longer kept');
      sendFile(res, ref, file.data);
    }),
  );

  server.post(
    TICKET_ATTACHMENTS_PATH,
    route(logger, async (req, res) => {
      await gate.authorise(req, res, ['agent']);
      const ticket = await tickets.get(String(req.params.id));
      if (!ticket) throw new HttpError(404, 'not_found', `ticket ${String(req.params.id)} does not exist`);
      const { files } = await readUpload(req, attachments.limits.messageBytes + FORM_OVERHEAD);
      if (files.length === 0) throw new HttpError(400, 'invalid_upload', 'the upload has no file part');
      res.status(201);
      res.json(await attachments.accept(files, agentScope(ticket.id), new Date()));
    }),
  );
}

/** Files an agent uploads for a ticket's reply: only that ticket's replies may carry them. */
export function agentScope(ticketId: string): string {
  return `ticket:${ticketId}`;
}
