import { z } from 'zod';
import { HttpError } from '../../common/http';
import type { TicketService } from '../service/ticketService';
import { InternalNoteStore, MAX_NOTE_LENGTH } from '../store/internalNotes';
import { endpoint, type Endpoint } from './endpoint';

const noteSchema = z.object({ text: z.string().trim().min(1, 'must not be empty').max(MAX_NOTE_LENGTH) }).strict();

/** Internal notes on a ticket: agents write and read them; the bot (system) and customers never get them. */
export function noteEndpoints(service: TicketService, clock: () => Date): Endpoint[] {
  const notes = new InternalNoteStore(service.store.redis, service.store.prefix);
  const existing = async (id: string) => {
    const ticket = await service.get(id);
    if (!ticket) throw new HttpError(404, 'not_found', `ticket ${id} does not exist`);
    return ticket;
  };
  return [
    endpoint({
      method: 'GET',
      path: '/api/tickets/:id/notes',
      summary: "A ticket's internal notes, oldest first: written by agents for agents, never shown or sent to the customer",
      roles: ['agent', 'operator'],
      responds: [{ status: 200, schema: 'InternalNotes', description: 'the notes' }],
      errors: [404],
      async handle({ params }) {
        await existing(params.id);
        return { body: { ticketId: params.id, items: await notes.list(params.id) } };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/notes',
      summary: 'Add an internal note to a ticket (agents only; the customer never sees it, in the chat or by mail)',
      roles: ['agent'],
      body: noteSchema,
      responds: [{ status: 201, schema: 'InternalNote', description: 'the note as kept' }],
      errors: [404],
      async handle({ params, body, principal }) {
        const ticket = await existing(params.id);
        const note = await notes.add(ticket.id, principal.id, body.text, clock());
        service.touched(ticket);
        return { status: 201, body: note };
      },
    }),
  ];
}
