import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { gunzipSync } from 'zlib';
import { TranscriptStore } from '../../../bot/directline/transcript';
import type { RedisClient } from '../../../common/redisConnection';
import { archiveClosedTickets } from '../../../ticketing/store/archiving';
import { AuditLog } from '../../../ticketing/store/auditLog';
import { InternalNoteStore } from '../../../ticketing/store/internalNotes';
import { freshDirEachTest } from '../../support/freshDir';
import { redisEnv, testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
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
