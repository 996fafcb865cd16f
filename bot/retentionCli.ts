/**
 * npm run retention -- <command>: the operator's retention and personal-data requests
 * (docs/retention.md), against the service's Redis and archive (REDIS_URL or REDIS_CLUSTER_NODES,
 * REDIS_PREFIX, TICKET_ARCHIVE_DIR, CLOSED_TICKET_RETENTION_DAYS), while the service runs.
 *
 *   archive                                   move the tickets due to the archive now (the service does it hourly)
 *   export <orgId> [--out file]               all of an organisation's data as NDJSON (stdout by default)
 *   erase <orgId> --by <operator> [--admin id] [--email e] [--phone p] [--name n]
 *                                             erase a person's personal data from the organisation's tickets,
 *                                             archive, web chats and audit log, and from the directory
 *
 * Prints one JSON line (export: on stderr when the data goes to stdout); exits 2 when the
 * organisation is unknown, the request is incomplete or the archiving stays busy.
 */
import { createWriteStream } from 'fs';
import { once } from 'events';
import { parseArgs } from 'util';
import { loadConfig } from '../common/config';
import { endConnection, newRedisClient, redisOptions } from '../common/redisConnection';
import { archiveClosedTickets, AuditLog, erasePerson, exportOrganisation, OrganisationStore, TicketService } from '../ticketing';
import { TranscriptStore } from './directline/transcript';

const USAGE =
  'usage: npm run retention -- archive | export <orgId> [--out file] | erase <orgId> --by <operator> [--admin id] [--email e] [--phone p] [--name n]';

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      by: { type: 'string' },
      admin: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const [command, orgId] = positionals;
  if (command !== 'archive' && !orgId) throw new UsageError(USAGE);
  const config = loadConfig(process.env);
  const { prefix } = config.redis;
  const redis = newRedisClient(config.redis.url, redisOptions({ maxRetriesPerRequest: 3 }));
  try {
    const organisations = new OrganisationStore(redis, prefix);
    const service = new TicketService({ redis, prefix, organisations, archiveDir: config.ticketArchiveDir });
    const deps = {
      store: service.store,
      archive: service.archive,
      organisations,
      audit: new AuditLog(redis, prefix, config.auth.auditMaxEntries),
      redactTranscript: (conversationId: string, redact: (text: string) => string) =>
        new TranscriptStore(redis, prefix, config.directLine.transcriptTtlSeconds * 1000).redact(conversationId, redact),
    };
    let result: { status: string };
    switch (command) {
      case 'archive':
        result = await archiveClosedTickets(service.store, service.archive, new Date(), {
          retentionDays: config.closedTicketRetentionDays,
        });
        break;
      case 'export': {
        const out = values.out ? createWriteStream(values.out, { flags: 'wx' }) : process.stdout;
        result = await exportOrganisation(deps, orgId!, async (line) => {
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        });
        if (values.out) await new Promise<void>((resolve) => out.end(() => resolve()));
        break;
      }
      case 'erase': {
        const person = { adminId: values.admin, email: values.email, phone: values.phone, name: values.name };
        if (!values.by || !Object.values(person).some(Boolean))
          throw new UsageError(`erase needs --by and who: --admin, --email, --phone or --name\n${USAGE}`);
        result = await erasePerson(deps, orgId!, person, `operator:${values.by}`, new Date());
        break;
      }
      default:
        throw new UsageError(USAGE);
    }
    const summary = `${JSON.stringify(result)}\n`;
    if (command === 'export' && !values.out) process.stderr.write(summary);
    else process.stdout.write(summary);
    return result.status === 'done' ? 0 : 2;
  } finally {
    await endConnection(redis);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    process.stderr.write(`retention: ${err.message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
