import { runSla } from '../../../ticketing/cli/sla';
import { DEFAULT_SLA_POLICY_DOCUMENT, type SlaPolicyDocument } from '../../../ticketing/domain/slaPolicy';
import { testRedis, uniquePrefix } from '../../support/redis';
import { deskOn, ticketInput } from './serviceFixtures';

/** The repository's policy with technical B answered within 2 h of working time and resolved within 10 h. */
function fasterB(): SlaPolicyDocument {
  const rules = DEFAULT_SLA_POLICY_DOCUMENT.rules.map((rule) =>
    rule.category === 'technical' && rule.grade === 'B'
      ? { ...rule, targets: { first_response: { hours: 2 }, next_response: { hours: 2 }, resolution: { hours: 10 } } }
      : rule,
  );
  return { ...DEFAULT_SLA_POLICY_DOCUMENT, rules };
}

/** The calculator's line: the what-if's fields, its goals, and with --ticket the ticket's own goals in words. */
interface Printed {
  [field: string]: unknown;
  goals: Record<string, unknown>;
  ticket: Record<string, string>;
}

describe('npm run sla against the store: each ticket under its own policy version', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('sla-cli');
  afterAll(() => redis.disconnect());

  const sla = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runSla(
      args,
      (line) => lines.push(line),
      () => ({ redis, prefix }),
      new Date('2026-03-10T10:00:00.000Z'),
    );
    return { code, json: JSON.parse(lines[0]!) as Printed };
  };

  it('--ticket takes the version the ticket was opened under, even after a newer one is stored; --policy-version picks one', async () => {
    const { service } = await deskOn(redis, prefix);
    // Opened at Tuesday 10:00 under version 1 (the repository's): technical B, 15 h on 09:00-24:00.
    const { ticket: old } = await service.create(ticketInput({ category: 'technical', grade: 'B' }), 'cli-1');
    const v2 = await service.policies.add(fasterB(), 'operator:test');
    expect(v2.version).toBe(2);
    const { ticket: recent } = await service.create(ticketInput({ category: 'technical', grade: 'B' }), 'cli-2');
    expect(recent.terms?.policyVersion).toBe(2);

    const oldWhatIf = await sla('--ticket', old.id);
    expect(oldWhatIf.code).toBe(0);
    expect(oldWhatIf.json).toMatchObject({ policyVersion: 1, grade: 'B', firstResponseDue: '2026-03-11T10:00:00+01:00', target: '15 h' });
    expect(oldWhatIf.json.ticket).toMatchObject({ id: old.id, policyVersion: 1 });
    expect(oldWhatIf.json.ticket.firstResponse).toMatch(/^first response due 2026-03-11 10:00/);
    expect(oldWhatIf.json.goals.resolution).toBeUndefined(); // version 1 sets no resolution target

    const recentWhatIf = await sla('--ticket', recent.id.toLowerCase());
    expect(recentWhatIf.json).toMatchObject({ policyVersion: 2, firstResponseDue: '2026-03-10T12:00:00+01:00', target: '2 h' });
    expect(recentWhatIf.json.goals.resolution).toEqual({
      due: '2026-03-10T20:00:00+01:00',
      warningAt: '2026-03-10T17:30:00+01:00',
      targetMs: 36_000_000,
      target: '10 h',
    });
    expect(recentWhatIf.json.ticket.resolution).toMatch(/^resolution due 2026-03-10 20:00/);

    // What if the old ticket were C, or under version 2? Its own terms stay the defaults for the rest.
    expect((await sla('--ticket', old.id, '--severity', 'C')).json).toMatchObject({
      policyVersion: 1,
      grade: 'C',
      firstResponseDue: '2026-03-13T10:00:00+01:00',
    });
    expect((await sla('--ticket', old.id, '--policy-version', '2')).json).toMatchObject({
      policyVersion: 2,
      firstResponseDue: '2026-03-10T12:00:00+01:00',
    });
    expect(
      (await sla('--category', 'technical', '--severity', 'B', '--at', '2026-03-10T10:00:00+01:00', '--policy-version', '2')).json,
    ).toMatchObject({ policyVersion: 2, target: '2 h' });

    const unknown = await sla('--ticket', 'SR-2026-999999');
    expect(unknown).toEqual({ code: 2, json: { error: 'not_found', message: expect.stringContaining('SR-2026-999999') } });
    expect((await sla('--ticket', old.id, '--policy-version', '9')).json).toEqual({
      error: 'not_found',
      message: 'SLA policy version 9 is not stored',
    });
  });
});
