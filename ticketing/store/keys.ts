import { keyIn } from '../../common/redisKeys';
import { parseTicketId } from '../domain/ticketId';
import type { IndexEntries } from './indexEntries';
import { cellOf } from './listCells';

/**
 * The Redis key layout of the ticketing store. Every key starts with one configurable prefix and
 * a hash tag (docs/architecture.md, "Key names and Redis Cluster"): `{tickets}` for tickets and
 * everything the save script writes with them, `{orgs}` for the directory. The Lua scripts are
 * handed every key they touch (saveTicket.lua checks it was).
 */
const t = (p: string) => keyIn(p, 'tickets');
const o = (p: string) => keyIn(p, 'orgs');

export const keys = {
  /** Hash {json, rev}: the ticket and its revision for optimistic concurrency. */
  ticket: (p: string, id: string) => `${t(p)}ticket:${id}`,
  /** Counter of ticket numbers handed out in a year (ids are never reused; a crash may leave a gap). */
  ticketSequence: (p: string, year: number) => `${t(p)}seq:ticket:${year}`,
  /** String `<ticketId> <fingerprint of the request>` for an Idempotency-Key. */
  idempotency: (p: string, key: string) => `${t(p)}idem:${key}`,
  /** Sorted sets of ticket ids scored by creation time (epoch ms), for list filters. */
  allTickets: (p: string) => `${t(p)}tickets:all`,
  byOrganisation: (p: string, orgId: string) => `${t(p)}tickets:org:${orgId}`,
  byStatus: (p: string, status: string) => `${t(p)}tickets:status:${status}`,
  byGrade: (p: string, grade: string) => `${t(p)}tickets:grade:${grade}`,
  byCategory: (p: string, category: string) => `${t(p)}tickets:category:${category}`,
  breached: (p: string) => `${t(p)}tickets:breached`,
  /** Sorted set of the closed tickets by when they were closed: what the archiving takes, oldest first (archiving.ts). */
  closed: (p: string) => `${t(p)}tickets:closed`,
  /**
   * Hash ticket id -> the archive file holding it (ticketArchive.ts), one per hundred ticket numbers of a
   * year (`SR-2026-0001xx`), so that each stays a small listpack and the id alone names it.
   */
  archived: (p: string, id: string) => `${t(p)}archived:${archiveBucketOf(id)}`,
  /** Hash archive file -> [[id, rev]...] written before the file and removed once its tickets left Redis (archiving.ts). */
  archivePending: (p: string) => `${t(p)}archive:pending`,
  /** The archiving's lease: one instance (or operator command) at a time moves tickets to the archive or rewrites it. */
  archiveLease: (p: string) => `${t(p)}archive:lease`,
  /**
   * Sorted set (scores 0, by name: oldest first) of the archive files that may hold lines of an
   * organisation, stale copies included: written in the step that names a batch pending, before its
   * file exists (archiveOrgIndex.ts). A listed file may never have reached the disk.
   */
  archiveOrgFiles: (p: string, orgId: string) => `${t(p)}archive:org:${orgId}`,
  /** Set once the files written before archiveOrgFiles existed are in it (archiveOrgIndex.ts); `:progress` while they are read. */
  archiveOrgsIndexed: (p: string) => `${t(p)}store:archive-orgs-indexed`,
  /**
   * Sorted sets partitioning every ticket by (status, grade, category, breached), scored like the
   * list indexes, over the whole store and per organisation: a filter on several fields reads
   * only the cells it covers, and a count is a sum of ZCARDs (see listCells.ts).
   */
  cell: (p: string, cell: string) => `${t(p)}tickets:cell:${cell}`,
  orgCell: (p: string, orgId: string, cell: string) => `${t(p)}tickets:org:${orgId}:cell:${cell}`,
  /** Set once every ticket of the store is in its cells (cellBackfill.ts); `:lease` while an instance fills them. */
  cellsIndexed: (p: string) => `${t(p)}store:cells-indexed`,
  /** Sorted set of the tickets found by a search term (domain/searchTerms.ts), scored like the list indexes. */
  searchTerm: (p: string, term: string) => `${t(p)}search:${term}`,
  /** Set once every ticket of the store is in the search index (searchBackfill.ts); `:lease` while an instance fills it. */
  searchIndexed: (p: string) => `${t(p)}store:search-indexed`,
  /** List of a ticket's internal notes, oldest first (JSON each; agents only, never the customer: internalNotes.ts). */
  internalNotes: (p: string, id: string) => `${t(p)}notes:${id}`,
  /** Hash agent -> {state, until} of who has a ticket open now; the key ends with its last heartbeat (presence.ts). */
  presence: (p: string, id: string) => `${t(p)}presence:${id}`,
  /** Hash id -> saved reply (JSON) that supervisors keep for agents (savedReplyStore.ts). */
  savedReplies: (p: string) => `${t(p)}saved-replies`,
  /** Sorted set of the open, unassigned tickets of a category, most urgent first (see domain/queueScore.ts). */
  queue: (p: string, category: string) => `${t(p)}queue:${category}`,
  /** Set of the open tickets assigned to an agent (for the per-agent limit). */
  agentOpen: (p: string, agentId: string) => `${t(p)}agent:${agentId}:open`,
  /** The start of every key of the store's tag, which the Lua scripts are handed to name keys the same way. */
  store: t,
  /** Sorted set of SLA timer entries `ticketId|kind|version` scored by due time (see domain/dueEvents.ts). */
  slaDue: (p: string) => `${t(p)}sla:due`,
  /** Sorted set of message deliveries `ticketId|index|version` scored by the next attempt's time (see domain/delivery.ts). */
  deliveryDue: (p: string) => `${t(p)}delivery:due`,
  /**
   * Set of the uploads a ticket linked, written by the save script in the ticket's slot: the sweep of
   * unlinked uploads (attachments/attachmentStore.ts) keeps these and drops each mark once it has.
   */
  linkedFiles: (p: string) => `${t(p)}attachments-linked`,
  /** Hash of report counters (field -> count) kept by the save script (see domain/reportCells.ts). */
  report: (p: string, cell: string) => `${t(p)}report:${cell}`,
  /** Number of the latest SLA policy version, and hash version -> {document, storedAt, storedBy} (versions never change). */
  slaPolicyLatest: (p: string) => `${t(p)}sla-policy:latest`,
  slaPolicyVersions: (p: string) => `${t(p)}sla-policy:versions`,
  /** The start of every key of the directory's tag (for its Lua scripts). */
  directory: o,
  organisation: (p: string, id: string) => `${o(p)}org:${id}`,
  organisations: (p: string) => `${o(p)}orgs`,
  /** Sorted set of `<folded name>\t<id>` (all scores 0), for pages by name and names by their start. */
  organisationNames: (p: string) => `${o(p)}orgs:names`,
  organisationByTenant: (p: string, tenantId: string) => `${o(p)}org-by-tenant:${tenantId}`,
  organisationByName: (p: string, foldedName: string) => `${o(p)}org-by-name:${foldedName}`,
  /** Set of the ids of organisations with an administrator registered with this (normalised) e-mail address. */
  organisationsByAdminEmail: (p: string, email: string) => `${o(p)}org-by-admin-email:${email}`,
};

/** The archive index hash of a ticket id: its year and hundred (`2026:1` for SR-2026-0001xx); other ids share one. */
function archiveBucketOf(id: string): string {
  const parsed = parseTicketId(id);
  return parsed ? `${parsed.year}:${Math.floor(parsed.seq / 100)}` : 'other';
}

/** The list indexes and cells a ticket is in (the breached index only while it is breached). */
export function listKeysOf(p: string, e: IndexEntries): string[] {
  const lists = [
    keys.allTickets(p),
    keys.byOrganisation(p, e.org),
    keys.byStatus(p, e.status),
    keys.byGrade(p, e.grade),
    keys.byCategory(p, e.category),
    keys.cell(p, cellOf(e)),
    keys.orgCell(p, e.org, cellOf(e)),
  ];
  return e.breached ? [...lists, keys.breached(p)] : lists;
}
