import { z } from 'zod';
import { LOCALES } from '../../common/locale';
import { fillPlaceholders, placeholderValues, PLACEHOLDERS } from '../domain/savedReplies';
import type { TicketService } from '../service/ticketService';
import { NotFoundError } from '../store/errors';
import type { OrganisationStore } from '../store/organisationStore';
import { SavedReplyStore } from '../store/savedReplyStore';
import { endpoint, type Endpoint } from './endpoint';
import type { Role } from './tokens';

const savedReplySchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(120),
    text: z.string().trim().min(1, 'must not be empty').max(4000),
    locale: z.enum(LOCALES),
  })
  .strict();

/** Who keeps the saved replies: supervisors, and operators who run the desk; everyone who answers customers reads them. */
const KEEPERS: readonly Role[] = ['supervisor', 'operator'];
const READERS: readonly Role[] = ['agent', 'operator'];
const placeholders = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

/** Saved replies (canned responses) with placeholders, filled for the ticket being answered. */
export function savedReplyEndpoints(service: TicketService, organisations: OrganisationStore, clock: () => Date): Endpoint[] {
  const replies = new SavedReplyStore(service.store.redis, service.store.prefix);
  return [
    endpoint({
      method: 'GET',
      path: '/api/saved-replies',
      summary: `The saved replies, by language and title (their placeholders: ${placeholders})`,
      roles: READERS,
      responds: [{ status: 200, schema: 'SavedReplies', description: 'every saved reply' }],
      async handle() {
        return { body: { items: await replies.list() } };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/tickets/:id/saved-replies',
      summary:
        "The saved replies with their placeholders filled for a ticket (the customer's name, the ticket, its deadline, the calling agent)",
      roles: READERS,
      responds: [{ status: 200, schema: 'SavedReplies', description: 'every saved reply, its text filled in' }],
      errors: [404],
      async handle({ params, principal }) {
        const ticket = await service.get(params.id);
        if (!ticket) throw new NotFoundError('ticket', params.id);
        const organisation = await organisations.get(ticket.orgId);
        const items = (await replies.list()).map((r) => ({
          ...r,
          text: fillPlaceholders(r.text, placeholderValues(ticket, organisation, principal.id, r.locale)),
        }));
        return { body: { items } };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/saved-replies',
      summary: `Keep a new saved reply (supervisors, operators); the text may use ${placeholders}`,
      roles: KEEPERS,
      body: savedReplySchema,
      responds: [{ status: 201, schema: 'SavedReply', description: 'the saved reply' }],
      async handle({ body, principal }) {
        return { status: 201, body: await replies.create(body, principal.id, clock()) };
      },
    }),
    endpoint({
      method: 'PUT',
      path: '/api/saved-replies/:replyId',
      summary: 'Change a saved reply (supervisors, operators)',
      roles: KEEPERS,
      body: savedReplySchema,
      responds: [{ status: 200, schema: 'SavedReply', description: 'the saved reply as changed' }],
      errors: [404],
      async handle({ params, body, principal }) {
        return { body: await replies.update(params.replyId, body, principal.id, clock()) };
      },
    }),
    endpoint({
      method: 'DELETE',
      path: '/api/saved-replies/:replyId',
      summary: 'Delete a saved reply (supervisors, operators)',
      roles: KEEPERS,
      responds: [{ status: 204, description: 'deleted' }],
      errors: [404],
      async handle({ params }) {
        await replies.remove(params.replyId);
        return {};
      },
    }),
  ];
}
