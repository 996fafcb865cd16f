import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runSla } from '../../../ticketing/cli/sla';

/** Runs the what-if calculator in-process with a user's arguments: its exit status and the parsed JSON line. */
async function sla(...args: string[]): Promise<{ code: number; json: Record<string, unknown>; lines: number }> {
  const lines: string[] = [];
  // Nothing here names a ticket or a stored version: the calculator must not reach for Redis.
  const code = await runSla(
    args,
    (line) => lines.push(line),
    () => {
      throw new Error('the calculator connected to Redis');
    },
  );
  return { code, json: JSON.parse(lines[0] ?? 'null'), lines: lines.length };
}

describe('npm run sla (what-if calculator)', () => {
  it('prints one JSON line with the deadline in the zone offset', async () => {
    const { code, json, lines } = await sla('--category', 'technical', '--severity', 'B', '--at', '2026-03-10T10:00:00+01:00');
    expect(code).toBe(0);
    expect(lines).toBe(1);
    expect(json).toMatchObject({
      firstResponseDue: '2026-03-11T10:00:00+01:00',
      warningAt: '2026-03-10T21:15:00+01:00',
      calendar: 'extended',
      grade: 'B',
      category: 'technical',
      targetMs: 15 * 3_600_000,
      businessDayMs: 15 * 3_600_000,
    });
  });

  it('counts A in real time across the spring DST jump for a premier organisation', async () => {
    const { code, json } = await sla('--category', 'technical', '--severity', 'A', '--premier', '--at', '2026-03-29T01:30:00+01:00');
    expect(code).toBe(0);
    expect(json).toMatchObject({ firstResponseDue: '2026-03-29T03:30:00+02:00', calendar: 'always' });
  });

  it('reads --tz and office holidays', async () => {
    const { json } = await sla(
      '--category',
      'billing',
      '--severity',
      'B',
      '--at',
      '2026-03-13T16:00',
      '--tz',
      'America/New_York',
      '--holidays',
      '2026-03-16',
    );
    expect(json).toMatchObject({ firstResponseDue: '2026-03-17T16:00:00-04:00', calendar: 'office', timeZone: 'America/New_York' });
  });

  it('refuses a grade the rules do not allow, exiting 2', async () => {
    const { code, json } = await sla('--category', 'technical', '--severity', 'A', '--at', '2026-03-10T10:00:00+01:00');
    expect(code).toBe(2);
    expect(json).toEqual({ error: 'severity_not_allowed', message: expect.stringMatching(/premier/) });
  });

  it('names the bad argument, exiting 2', async () => {
    const results = await Promise.all([
      sla('--category', 'hardware', '--severity', 'B', '--at', '2026-03-10T10:00:00+01:00'),
      sla('--category', 'technical', '--severity', 'B', '--at', 'yesterday'),
      sla('--category', 'technical', '--severity', 'B', '--at', '2026-03-10T10:00:00+01:00', '--tz', 'Mars/Olympus'),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results.map((r) => r.json.error)).toEqual(['invalid_arguments', 'invalid_arguments', 'invalid_arguments']);
    expect(results[0]!.json.message).toMatch(/--category/);
    expect(results[1]!.json.message).toMatch(/--at "yesterday"/);
    expect(results[2]!.json.message).toMatch(/--tz "Mars\/Olympus"/);
  });

  it("uses a policy file with custom hours and a country's public holidays (--policy-file), checked as the API checks it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
    const file = join(dir, 'policy.json');
    const split = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ];
    writeFileSync(
      file,
      JSON.stringify({
        calendars: {
          always: { realTime: true },
          split: { week: { mon: split, tue: split, wed: split, thu: split, fri: split }, holidayCountry: 'PL' },
        },
        rules: [
          { grade: 'A', calendar: 'always', targets: { first_response: { hours: 1 } } },
          {
            calendar: 'split',
            targets: { first_response: { businessDays: 1 }, next_response: { hours: 4 }, resolution: { businessDays: 3 } },
          },
        ],
      }),
    );
    try {
      // Tuesday 2026-11-10 15:00: 1 h left that day, Wednesday 11 November is Independence Day, Thursday from 08:00 (4 h, then 13:00-15:00).
      const { code, json } = await sla('--category', 'billing', '--severity', 'B', '--at', '2026-11-10T15:00', '--policy-file', file);
      expect(code).toBe(0);
      expect(json).toMatchObject({
        calendar: 'split',
        policyVersion: 0,
        targetMs: 7 * 3_600_000,
        firstResponseDue: '2026-11-12T15:00:00+01:00',
        goals: {
          first_response: { due: '2026-11-12T15:00:00+01:00', target: '7 h' },
          next_response: { due: '2026-11-12T11:00:00+01:00', target: '4 h' },
          resolution: { due: '2026-11-16T15:00:00+01:00', target: '21 h' },
        },
      });
      writeFileSync(file, JSON.stringify({ calendars: { x: { week: {} } }, rules: [] }));
      const refused = await sla('--category', 'billing', '--severity', 'B', '--at', '2026-11-10T15:00', '--policy-file', file);
      expect(refused.code).toBe(2);
      expect(refused.json.error).toBe('invalid_sla_policy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
