import { runSla } from '../../../ticketing/cli/sla';

/** Runs the what-if calculator in-process with a user's arguments: its exit status and the parsed JSON line. */
async function sla(...args: string[]): Promise<{ code: number; json: Record<string, unknown>; lines: number }> {
  const lines: string[] = [];
  const code = runSla(args, (line) => lines.push(line));
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
});
