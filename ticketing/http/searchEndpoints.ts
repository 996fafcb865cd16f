import { z } from 'zod';
import { ID_PATTERN } from '../domain/types';
import { SEARCH_BUDGET } from '../service/ticketSearch';
import type { TicketService } from '../service/ticketService';
import { endpoint, type Endpoint } from './endpoint';
import { categorySchema, gradeSchema, statusSchema } from './schemas';

export const ticketSearchQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'give the words to find').max(200),
    orgId: z.string().regex(ID_PATTERN, 'must be an organisation id').optional(),
    status: statusSchema.optional(),
    grade: gradeSchema.optional(),
    category: categorySchema.optional(),
    breached: z
      .literal('true')
      .transform(() => true as const)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Ticket search for agents (docs/agent-workspace.md). */
export function searchEndpoints(service: TicketService): Endpoint[] {
  return [
    endpoint({
      method: 'GET',
      path: '/api/tickets/search',
      summary: `Find tickets by words of their title, description, conversation, contact or organisation (case, Polish diacritics and endings ignored; every word must match), by ticket number or phone number, newest first, narrowed by the list filters. A request examines at most ${SEARCH_BUDGET.toLocaleString('en')} candidates (\`scanned\`), however many tickets are stored: a page may be short, even empty, with a \`next\` cursor; ask again with it to go on. No \`next\`: nothing more matches`,
      roles: ['agent', 'operator'],
      query: ticketSearchQuerySchema,
      responds: [{ status: 200, schema: 'TicketSearchPage', description: 'the tickets found and where the next page starts' }],
      async handle({ query }) {
        return { body: await service.search(query) };
      },
    }),
  ];
}
