import { eraseFromTicket, redactorOf, redactValue, type Person } from '../domain/erasure';
import type { Ticket } from '../domain/types';
import { withArchiveLease } from '../store/archiving';
import type { AuditLog } from '../store/auditLog';
import { InternalNoteStore, type InternalNote } from '../store/internalNotes';
import { keys } from '../store/keys';
import type { OrganisationStore } from '../store/organisationStore';
import type { ArchivedTicket, TicketArchive } from '../store/ticketArchive';
import type { TicketStore } from '../store/ticketStore';

/** Tickets read from Redis at a time. */
const PAGE = 200;
/** How long an operator's request waits for a running archiving to end. */
const LEASE_WAIT_MS = 5 * 60_000;

/** The operator's requests about an organisation's data (export) and a person's (erasure): `npm run retention`. */
export interface PersonalDataDeps {
  store: TicketStore;
  archive: TicketArchive;
  organisations: OrganisationStore;
  audit: AuditLog;
  /** Redacts a web chat's transcript (the bot's, by conversation id); how many activities changed. */
  redactTranscript?: (conversationId: string, redact: (text: string) => string) => Promise<number>;
}

export interface OrganisationTicket {
  ticket: Ticket;
  notes: InternalNote[];
  archived: boolean;
}

export interface ErasureReport {
  liveTickets: number;
  archivedTickets: number;
  archiveFiles: number;
  transcriptActivities: number;
  auditEntries: number;
  removedFromDirectory: boolean;
}

/** An organisation's tickets in Redis with their internal notes, a page at a time from its index. */
async function* liveTickets(store: TicketStore, orgId: string): AsyncIterable<OrganisationTicket> {
  for (let offset = 0; ; offset += PAGE) {
    const ids = await store.listIds({ kind: 'org', orgId }, offset, PAGE);
    if (ids.length === 0) break;
    const notes = await Promise.all(ids.map((id) => new InternalNoteStore(store.redis, store.prefix).list(id)));
    const tickets = await store.getMany(ids);
    for (const ticket of tickets) yield { ticket, notes: notes[ids.indexOf(ticket.id)]!, archived: false };
  }
}

/**
 * An organisation's archived tickets with their internal notes, each of its archive files read once
 * (a copy the archive index does not point at, left by a reopened ticket, is not given), under the
 * archive lease, renewed before each file.
 */
async function* archivedTickets(deps: PersonalDataDeps, orgId: string, renew: () => Promise<void>): AsyncIterable<OrganisationTicket> {
  for await (const { file, lines } of organisationFiles(deps, orgId, renew)) {
    for (const line of lines) {
      if (line.ticket.orgId === orgId && (await deps.archive.locate(line.ticket.id)) === file)
        yield { ticket: line.ticket, notes: line.notes, archived: true };
    }
  }
}

/**
 * Writes all of an organisation's data as NDJSON: its directory record, then each ticket (live and
 * archived) with its internal notes. Holds the archive lease, so no ticket moves to the archive
 * meanwhile (it would be given twice or not at all).
 */
export async function exportOrganisation(
  deps: PersonalDataDeps,
  orgId: string,
  write: (line: string) => Promise<void>,
): Promise<{ status: 'done'; tickets: number; archived: number } | { status: 'busy' | 'not_found' }> {
  const organisation = await deps.organisations.get(orgId);
  if (!organisation) return { status: 'not_found' };
  return withArchiveLease(deps.store, { waitMs: LEASE_WAIT_MS }, async (renew) => {
    await write(JSON.stringify({ kind: 'organisation', organisation }));
    const counts = { status: 'done' as const, tickets: 0, archived: 0 };
    for (const tickets of [liveTickets(deps.store, orgId), archivedTickets(deps, orgId, renew)]) {
      for await (const { ticket, notes, archived } of tickets) {
        await write(JSON.stringify({ kind: 'ticket', archived, ticket, notes }));
        counts.tickets += 1;
        if (archived) counts.archived += 1;
      }
    }
    return counts;
  });
}

/**
 * Erases a person's personal data from everything the desk keeps of an organisation (GDPR): their
 * e-mail, phone, name and id in its tickets (in Redis, saved as a change, and in the archive files,
 * each rewritten whole), the tickets' internal notes, the web chats of those tickets, the audit
 * log; removes them from the directory; and records the erasure in the audit log without naming
 * them. Holds the archive lease, so that no ticket is archived unerased meanwhile.
 */
export async function erasePerson(
  deps: PersonalDataDeps,
  orgId: string,
  person: Person,
  actor: string,
  now: Date,
): Promise<({ status: 'done' } & ErasureReport) | { status: 'busy' | 'not_found' }> {
  const organisation = await deps.organisations.get(orgId);
  if (!organisation) return { status: 'not_found' };
  const registered = organisation.administrators.find((a) => a.id === person.adminId);
  // What the directory knows of them is erased too, whatever the request spelled out.
  const whole: Person = { name: registered?.name, email: registered?.email, phone: registered?.phone, ...stripEmpty(person) };
  const redact = redactorOf(whole);
  return withArchiveLease(deps.store, { waitMs: LEASE_WAIT_MS }, async (renew) => {
    const report = {
      status: 'done' as const,
      liveTickets: 0,
      archivedTickets: 0,
      archiveFiles: 0,
      transcriptActivities: 0,
      auditEntries: 0,
      removedFromDirectory: false,
    };
    const conversations = new Set<string>();
    for await (const { ticket } of liveTickets(deps.store, orgId)) {
      if (await eraseLive(deps.store, ticket.id, whole)) {
        report.liveTickets += 1;
        addConversation(conversations, ticket);
      }
      await redactNotes(deps.store, ticket.id, redact);
    }
    for await (const { file, lines } of organisationFiles(deps, orgId, renew)) {
      let changed = 0;
      const erased = lines.map((line) => {
        if (line.ticket.orgId !== orgId) return line;
        const after = redactValue(line, redact);
        const ticket = eraseFromTicket(line.ticket, whole);
        if (ticket === null && JSON.stringify(after) === JSON.stringify(line)) return line;
        changed += 1;
        addConversation(conversations, line.ticket);
        return { ...after, ticket: ticket ?? after.ticket };
      });
      if (changed === 0) continue;
      await deps.archive.write(file, erased);
      report.archivedTickets += changed;
      report.archiveFiles += 1;
    }
    for (const conversationId of conversations) report.transcriptActivities += (await deps.redactTranscript?.(conversationId, redact)) ?? 0;
    report.auditEntries = await deps.audit.redact(redact);
    if (registered) {
      await deps.organisations.upsert({ ...organisation, administrators: organisation.administrators.filter((a) => a !== registered) });
      report.removedFromDirectory = true;
    }
    const { status: _status, ...counts } = report;
    await deps.audit.record({
      at: now.toISOString(),
      actor,
      action: 'erase_personal_data',
      target: orgId,
      detail: JSON.stringify(counts),
    });
    return report;
  });
}

/**
 * The lines of the archive files that may hold the organisation's (its archive index), each file
 * read once; a file listed but never written (its run died) is skipped. On a store whose archive
 * predates that index, every file is first read once to fill it (holding the lease, as the caller does).
 */
async function* organisationFiles(
  deps: PersonalDataDeps,
  orgId: string,
  renew: () => Promise<void>,
): AsyncIterable<{ file: string; lines: ArchivedTicket[] }> {
  await deps.archive.indexOlderFiles(renew);
  for await (const file of deps.archive.filesOf(orgId)) {
    await renew();
    const lines = await deps.archive.readIfWritten(file);
    if (lines !== null) yield { file, lines };
  }
}

/** Saves the ticket with the person erased (revision-checked, retried when it changed meanwhile); whether it held their data. */
async function eraseLive(store: TicketStore, id: string, person: Person): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = await store.get(id);
    const after = before && eraseFromTicket(before.ticket, person);
    if (!before || !after) return false;
    if ((await store.update(before, after)).status === 'ok') return true;
  }
  throw new Error(`ticket ${id} kept changing while its personal data was erased; run the erasure again`);
}

/** Notes are only ever appended, so a note keeps its position while it is rewritten. */
async function redactNotes(store: TicketStore, id: string, redact: (text: string) => string): Promise<void> {
  const key = keys.internalNotes(store.prefix, id);
  const notes = await store.redis.lrange(key, 0, -1);
  for (const [i, json] of notes.entries()) {
    const erased = JSON.stringify(redactValue(JSON.parse(json) as InternalNote, redact));
    if (erased !== json) await store.redis.lset(key, i, erased);
  }
}

function addConversation(conversations: Set<string>, ticket: Ticket): void {
  const id = (ticket.conversation?.conversation as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') conversations.add(id);
}

function stripEmpty(person: Person): Person {
  return Object.fromEntries(Object.entries(person).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Person;
}
