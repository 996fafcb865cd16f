import { z } from 'zod';
import { HttpError } from '../../common/http';
import type { TicketService } from '../service/ticketService';
import { keys } from '../store/keys';
import { PresenceBoard, PRESENCE_STATES } from '../store/presence';
import { endpoint, type Endpoint } from './endpoint';

/** Who else has a ticket open: each console beats while its ticket page is open (docs/agent-workspace.md). */
export function presenceEndpoints(service: TicketService, clock: () => Date): Endpoint[] {
  const { redis, prefix } = service.store;
  const board = new PresenceBoard(redis, prefix);
  const existing = async (id: string) => {
    if (!(await redis.exists(keys.ticket(prefix, id)))) throw new HttpError(404, 'not_found', `ticket ${id} does not exist`);
  };
  return [
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/presence',
      summary:
        "The calling agent's heartbeat on a ticket page (viewing, or typing a reply), answered with the colleagues present on it now; it holds 20 s (typing 8 s) unless renewed",
      roles: ['agent'],
      body: z.object({ state: z.enum(PRESENCE_STATES) }).strict(),
      responds: [{ status: 200, schema: 'Presence', description: 'the other agents present on the ticket' }],
      errors: [404],
      async handle({ params, body, principal }) {
        await existing(params.id);
        return { body: { ticketId: params.id, others: await board.beat(params.id, principal.id, body.state, clock()) } };
      },
    }),
    endpoint({
      method: 'DELETE',
      path: '/api/tickets/:id/presence',
      summary: 'The calling agent left the ticket page',
      roles: ['agent'],
      responds: [{ status: 204, description: 'no longer shown as present' }],
      async handle({ params, principal }) {
        await board.leave(params.id, principal.id);
        return {};
      },
    }),
  ];
}
