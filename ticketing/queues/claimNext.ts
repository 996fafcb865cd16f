import type { Category, Ticket } from '../domain/types';
import type { StoredTicket, TicketStore } from '../store/ticketStore';

export interface ClaimRequest {
  agentId: string;
  categories: Category[];
  maxOpen?: number;
  /** The domain's assignment of a ticket to the agent (pure, with the service's clock). */
  assign(ticket: Ticket): Ticket;
}

/** How many queue heads one look fetches: enough to step past the ones other agents just took. */
const CANDIDATES = 4;
/** Each round someone else's claim must have won, so this only bounds a pathological storm. */
const MAX_ROUNDS = 500;

/**
 * Claim-next, optimistic and without scanning: look at the heads of the agent's queues, assign
 * the most urgent one in memory with the domain rule, and store it with the claim check of the
 * saveTicket script (still the head, same revision, agent under the limit). Losing the race to
 * another agent moves on to the next candidate, so every ticket goes to exactly one agent and
 * always the most urgent one at the moment of the claim.
 */
export async function claimNext(
  store: TicketStore,
  request: ClaimRequest,
): Promise<{ before: StoredTicket; after: Ticket } | 'limit' | null> {
  const { agentId, categories, maxOpen } = request;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (maxOpen !== undefined && (await store.openCount(agentId)) >= maxOpen) return 'limit';
    const candidates = await store.peekQueues(categories, CANDIDATES);
    if (candidates.length === 0) return null;
    for (const before of candidates) {
      const after = request.assign(before.ticket);
      const result = await store.claim(before, after, agentId, categories, maxOpen);
      if (result.status === 'ok') return { before, after };
      if (result.status === 'limit') return 'limit';
      // 'conflict' or 'taken': another agent got it (or it changed), try the next one.
      // 'not_head': something more urgent arrived or an earlier candidate is back: look again.
      if (result.status === 'not_head') break;
    }
  }
  throw new Error(`claim-next for ${agentId} lost ${MAX_ROUNDS} races in a row`);
}
