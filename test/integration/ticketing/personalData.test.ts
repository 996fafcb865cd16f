import { execFile } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { gunzipSync } from 'zlib';
import { TranscriptStore } from '../../../bot/directline/transcript';
import type { RedisClient } from '../../../common/redisConnection';
import { erasePerson, exportOrganisation, type PersonalDataDeps } from '../../../ticketing/service/personalData';
import { archiveClosedTickets } from '../../../ticketing/store/archiving';
import { AuditLog } from '../../../ticketing/store/auditLog';
import { InternalNoteStore } from '../../../ticketing/store/internalNotes';
import { keys } from '../../../ticketing/store/keys';
import { TicketArchive } from '../../../ticketing/store/ticketArchive';
import { TicketStore } from '../../../ticketing/store/ticketStore';
import { freshDirEachTest } from '../../support/freshDir';
import { deleteKeys, keysMatching, redisEnv, testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { deskOn, organisation, ticketInput, TestClock } from './serviceFixtures';

const DAY = 86_400_000;
/** Anything of Jan Kowalski (adm-1 of the fixtures' contoso): his name, e-mail, phone in any spelling, his id. */
const JAN = /kowalski|jan@contoso|600.?100.?123|adm-1\b/i;

let redis: RedisClient;
beforeAll(() => {
  redis = testRedis();
});
afterAll(() => redis.disconnect());
const archiveDir = freshDirEachTest('personal');

/** `npm run retention -- ...` against the test's Redis, prefix and archive; its stdout and exit code. */
async function retention(prefix: string, ...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'bot/retentionCli.ts', ...args], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, ...redisEnv(testRedisUrl()), REDIS_PREFIX: prefix, TICKET_ARCHIVE_DIR: archiveDir.path, LOG_LEVEL: 'silent' },
    });
    return { stdout, code: 0 };
  } catch (err) {
    const failed = err as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

/** Every string the archive's files hold, whole (also copies no index points at). */
function archiveText(files: string[]): string {
  return files.map((file) => gunzipSync(readFileSync(join(archiveDir.path, file))).toString('utf8')).join('');
}

describe("an organisation's data and a person's erasure (npm run retention)", () => {
  it('exports every ticket of the organisation, live and archived, and erases one person from tickets, archive, chat and audit log', async () => {
    const prefix = uniquePrefix('personal');
    const clock = new TestClock(new Date('2025-01-10T09:00:00.000Z'));
    const { service, organisations } = await deskOn(redis, prefix, { clock, archiveDir: archiveDir.path });
    const contoso = organisation();
    await organisations.upsert({
      ...contoso,
      administrators: [...contoso.administrators, { id: 'adm-2', name: 'Ewa Nowak', email: 'ewa@contoso.pl', chatIdentities: [] }],
    });
    const notes = new InternalNoteStore(redis, prefix);
    const audit = new AuditLog(redis, prefix, 1000);

    // Jan's old ticket, closed and archived, with a note naming him; then his open one from the web chat; Ewa's.
    const old = (await service.create(ticketInput({ description: 'Proszę o telefon: 600 100 123.' }))).ticket.id;
    await service.customerMessage(old, 'adm-1', 'Tu Jan Kowalski, dalej nie działa');
    await notes.add(old, 'ola', 'Pan Kowalski woli kontakt po 15:00', clock.read());
    for (const status of ['in_progress', 'resolved', 'closed'] as const) await service.changeStatus(old, status, 'agent:ola');
    clock.advance(400 * DAY);
    expect(await archiveClosedTickets(service.store, service.archive, clock.read(), { retentionDays: 365 })).toMatchObject({ archived: 1 });
    const chat = { channelId: 'directline', conversation: { id: 'conv-jan' }, user: { id: 'u-1', name: 'Jan Kowalski' } };
    const open = (await service.create(ticketInput({ title: 'Teams nie startuje', conversation: chat }))).ticket.id;
    const transcripts = new TranscriptStore(redis, prefix, 30 * DAY);
    await transcripts.append('conv-jan', {
      type: 'message',
      text: 'Mój e-mail: jan@contoso.pl',
      from: { id: 'u-1', name: 'Jan Kowalski' },
    });
    const ewas = (await service.create(ticketInput({ adminId: 'adm-2', contact: { email: 'ewa@contoso.pl', preferred: 'email' } }))).ticket
      .id;
    await audit.record({
      at: clock.read().toISOString(),
      actor: 'agent:ola',
      action: 'POST /api/tickets/:id/notes',
      detail: 'dla jan@contoso.pl',
    });

    const exported = await retention(prefix, 'export', 'contoso');
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(exported.code).toBe(0);
    expect(lines[0]).toMatchObject({ kind: 'organisation', organisation: { id: 'contoso' } });
    expect(
      lines
        .slice(1)
        .map((l) => [l.ticket.id, l.archived])
        .sort(),
    ).toEqual(
      [
        [old, true],
        [open, false],
        [ewas, false],
      ].sort(),
    );
    expect(lines.slice(1).find((l) => l.ticket.id === old).notes).toMatchObject([{ text: 'Pan Kowalski woli kontakt po 15:00' }]);

    const erased = await retention(prefix, 'erase', 'contoso', '--admin', 'adm-1', '--by', 'ops');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({
      status: 'done',
      liveTickets: 1,
      archivedTickets: 1,
      transcriptActivities: 1,
      auditEntries: 1,
      removedFromDirectory: true,
    });

    // Nothing of Jan is left anywhere the desk keeps it; the records themselves stay.
    const after = (await retention(prefix, 'export', 'contoso')).stdout;
    expect(after.split('\n').filter(Boolean)).toHaveLength(4);
    expect(after).not.toMatch(JAN);
    expect(archiveText(await service.archive.files())).not.toMatch(JAN);
    expect(JSON.stringify(await transcripts.since('conv-jan', '0'))).not.toMatch(JAN);
    const auditEntries = (await audit.page(0, 10)).entries;
    expect(JSON.stringify(auditEntries)).not.toMatch(JAN);
    expect(auditEntries[0]).toMatchObject({ actor: 'operator:ops', action: 'erase_personal_data', target: 'contoso' });
    expect((await organisations.get('contoso'))?.administrators.map((a) => a.id)).toEqual(['adm-2']);
    const live = (await service.get(open))!;
    expect(live.contact).toEqual({ preferred: 'email' });
    expect(live.adminId).toBe('erased');
    expect((await service.find(old))?.ticket.messages.find((m) => m.from === 'customer')).toMatchObject({
      author: 'erased',
      text: 'Tu [erased], dalej nie działa',
    });
    // Ewa's ticket is hers as it was.
    expect((await service.get(ewas))?.contact.email).toBe('ewa@contoso.pl');

    expect((await retention(prefix, 'export', 'nobody')).code).toBe(2);
  });
});

describe("an organisation's archive files", () => {
  /** A desk whose contoso and fabrikam (Jan Kowalski administers both) have tickets closed 400 days ago, one archive file each. */
  async function archivedDesk(name: string) {
    const prefix = uniquePrefix(name);
    const clock = new TestClock(new Date('2025-01-10T09:00:00.000Z'));
    const { service, organisations } = await deskOn(redis, prefix, { clock, archiveDir: archiveDir.path });
    const closed = async (orgId: string, title: string) => {
      const { ticket } = await service.create(ticketInput({ orgId, title, description: 'Dzwonić: 600 100 123' }));
      for (const status of ['in_progress', 'resolved', 'closed'] as const) await service.changeStatus(ticket.id, status, 'agent:ola');
      return ticket.id;
    };
    const contoso = [await closed('contoso', 'c1')];
    const fabrikam = [];
    for (let i = 1; i <= 4; i++) fabrikam.push(await closed('fabrikam', `f${i}`));
    contoso.push(await closed('contoso', 'c2'));
    clock.advance(400 * DAY);
    const archive = (store = service.store, archive = service.archive, onFileWritten?: () => Promise<void>) =>
      archiveClosedTickets(store, archive, clock.read(), { retentionDays: 365, batchSize: 1, leaseMs: 1500, onFileWritten });
    const deps: PersonalDataDeps = {
      store: service.store,
      archive: service.archive,
      organisations,
      audit: new AuditLog(redis, prefix, 1000),
    };
    /** An archiving run on a connection of its own that dies the moment its first file is on disk (as its process would); that file. */
    const archiveDying = async () => {
      const doomed = testRedis();
      const dying = archive(new TicketStore(doomed, prefix), new TicketArchive(doomed, prefix, archiveDir.path), async () =>
        doomed.disconnect(),
      );
      await expect(dying).rejects.toThrow();
      const [file] = await service.archive.files();
      return file!;
    };
    /** The organisation's export: its summary and the [id, archived] of its tickets, sorted. */
    const exported = async (orgId: string) => {
      const tickets: [string, boolean][] = [];
      const summary = await exportOrganisation(deps, orgId, async (line) => {
        const parsed = JSON.parse(line) as { kind: string; ticket: { id: string }; archived: boolean };
        if (parsed.kind === 'ticket') tickets.push([parsed.ticket.id, parsed.archived]);
      });
      return { summary, tickets: tickets.sort() };
    };
    /** The files read from the archive's folder while `work` ran. */
    const filesReadBy = async (work: () => Promise<unknown>) => {
      const read = jest.spyOn(service.archive, 'read');
      try {
        await work();
        return read.mock.calls.map(([file]) => file).sort();
      } finally {
        read.mockRestore();
      }
    };
    /** The archive files holding a line of the organisation, from the files themselves. */
    const filesHolding = async (orgId: string) => {
      const files = [];
      for (const file of await service.archive.files())
        if ((await service.archive.read(file)).some((l) => l.ticket.orgId === orgId)) files.push(file);
      return files.sort();
    };
    return { prefix, service, contoso, fabrikam, archive, archiveDying, deps, exported, filesReadBy, filesHolding };
  }

  it("export and erasure read the organisation's files only, not every file of the archive", async () => {
    const { service, contoso, fabrikam, archive, deps, exported, filesReadBy, filesHolding } = await archivedDesk('org-files');
    expect(await archive()).toMatchObject({ archived: 6 });
    const contosoFiles = await filesHolding('contoso');
    expect(contosoFiles).toHaveLength(2);
    expect(await service.archive.files()).toHaveLength(6);

    let result: Awaited<ReturnType<typeof exported>> | undefined;
    expect(await filesReadBy(async () => (result = await exported('contoso')))).toEqual(contosoFiles);
    expect(result).toEqual({ summary: { status: 'done', tickets: 2, archived: 2 }, tickets: contoso.map((id) => [id, true]).sort() });

    let report: unknown;
    const erasing = filesReadBy(
      async () => (report = await erasePerson(deps, 'contoso', { adminId: 'adm-1' }, 'operator:ops', new Date())),
    );
    expect(await erasing).toEqual(contosoFiles); // each once (it used to read every file twice)
    expect(report).toMatchObject({ status: 'done', archivedTickets: 2, archiveFiles: 2 });
    expect(archiveText(contosoFiles)).not.toMatch(JAN);
    // Jan administers fabrikam too: its files were neither read nor changed.
    const fabrikamFiles = await filesHolding('fabrikam');
    expect(archiveText(fabrikamFiles)).toMatch(JAN);
    expect((await exported('fabrikam')).tickets).toEqual(fabrikam.map((id) => [id, true]).sort());
  });

  it('after a run died with its file on disk and its tickets still in Redis, export gives them once and erasure reaches the file', async () => {
    const { service, contoso, archive, archiveDying, exported, deps } = await archivedDesk('org-files-crash');
    // The first batch (closed at the same time, the lowest id first): contoso's first ticket, on disk and still live.
    const file = await archiveDying();
    expect((await service.archive.read(file)).map((l) => l.ticket.id)).toEqual([contoso[0]]);

    // Given once, as live: the copy in the file is not given a second time.
    expect(await exported('contoso')).toEqual({
      summary: { status: 'done', tickets: 2, archived: 0 },
      tickets: contoso.map((id) => [id, false]).sort(),
    });
    // Erasure rewrites the file too (listed before it was written), so the stale copy holds nothing of Jan.
    expect(await erasePerson(deps, 'contoso', { adminId: 'adm-1' }, 'operator:ops', new Date())).toMatchObject({
      status: 'done',
      liveTickets: 2,
      archiveFiles: 1,
    });
    expect(archiveText([file])).not.toMatch(JAN);

    // The next run finishes the batch: the erased tickets changed meanwhile, so they stay live and go in later batches.
    expect(await archive()).toMatchObject({ status: 'done', archived: 6 });
    expect((await exported('contoso')).tickets).toEqual(contoso.map((id) => [id, true]).sort());
    expect(JSON.stringify(await service.find(contoso[0]!))).not.toMatch(JAN);
  });

  it('a file named in the index that never reached the disk is skipped', async () => {
    const { prefix, contoso, archive, archiveDying, exported, deps } = await archivedDesk('org-files-lost');
    const file = await archiveDying();
    rmSync(join(archiveDir.path, file)); // as if the instance died before writing it
    const listed = await Promise.all(['contoso', 'fabrikam'].map((org) => redis.zrange(keys.archiveOrgFiles(prefix, org), 0, -1)));
    expect(listed.flat()).toEqual([file]);

    expect((await exported('contoso')).tickets).toEqual(contoso.map((id) => [id, false]).sort());
    expect(await erasePerson(deps, 'contoso', { adminId: 'adm-1' }, 'operator:ops', new Date())).toMatchObject({
      status: 'done',
      liveTickets: 2,
    });
    expect(await archive()).toMatchObject({ status: 'done', archived: 6 });
    expect((await exported('contoso')).tickets).toEqual(contoso.map((id) => [id, true]).sort());
  });

  it("a store archived before the index reads every file once to fill it, resuming after the last file done, then only the organisation's", async () => {
    const { prefix, service, contoso, archive, exported, filesReadBy, filesHolding } = await archivedDesk('org-files-older');
    expect(await archive()).toMatchObject({ archived: 6 });
    const indexKeys = await keysMatching(redis, keys.archiveOrgFiles(prefix, '*'));
    const index = async () => Promise.all(indexKeys.sort().map((key) => redis.zrange(key, 0, -1)));
    const written = await index();
    // As an older version left it: files, no index, no mark; a fill stopped after the first file.
    const all = await service.archive.files();
    await deleteKeys(redis, [...indexKeys, keys.archiveOrgsIndexed(prefix)]);
    await redis.set(`${keys.archiveOrgsIndexed(prefix)}:progress`, all[0]!);

    let result: Awaited<ReturnType<typeof exported>> | undefined;
    expect(await filesReadBy(async () => (result = await exported('contoso')))).toEqual(
      [...all.slice(1), ...(await filesHolding('contoso')).filter((f) => f !== all[0])].sort(),
    );
    expect(await redis.exists(keys.archiveOrgsIndexed(prefix), `${keys.archiveOrgsIndexed(prefix)}:progress`)).toBe(1);
    // The first file was done before the stop and is not read again: it is missing only if it held contoso's lines.
    const [firstOrg] = (await service.archive.read(all[0]!)).map((l) => l.ticket.orgId);
    expect(result?.tickets).toHaveLength(firstOrg === 'contoso' ? 1 : 2);

    // From the start: the archiving run fills it, once, as the archiving itself wrote it.
    await deleteKeys(redis, [...indexKeys, keys.archiveOrgsIndexed(prefix)]);
    expect(await filesReadBy(() => archive())).toEqual(all);
    expect(await index()).toEqual(written);
    expect(await filesReadBy(() => archive())).toEqual([]);
    expect(await filesReadBy(async () => (result = await exported('contoso')))).toEqual(await filesHolding('contoso'));
    expect(result?.tickets).toEqual(contoso.map((id) => [id, true]).sort());
  });
});
