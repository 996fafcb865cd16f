import {
  markBreached,
  pauseClock,
  recordFirstResponse,
  regradeClock,
  resolveClock,
  resumeClock,
  settleClock,
  startClock,
} from '../../../ticketing/domain/sla';
import { at, organisation, premier, wall } from './fixtures';

const H = 3_600_000;
const org = organisation();

describe('startClock', () => {
  it('sets the deadline and the 75% warning in working time', () => {
    const clock = startClock(org, 'technical', 'B', at('2026-03-10 10:00'));
    expect(wall(clock.dueAt)).toBe('Wed 2026-03-11 10:00');
    expect(wall(clock.warningAt)).toBe('Tue 2026-03-10 21:15'); // 11.25 h of 15 h
    expect(clock).toMatchObject({
      calendar: 'extended',
      timeZone: 'Europe/Warsaw',
      targetMs: 15 * H,
      version: 1,
      warned: false,
      breached: false,
    });
  });

  it('puts the warning of an office ticket in working hours too', () => {
    const clock = startClock(org, 'billing', 'B', at('2026-03-13 16:00'));
    expect(wall(clock.dueAt)).toBe('Mon 2026-03-16 16:00');
    expect(wall(clock.warningAt)).toBe('Mon 2026-03-16 14:00'); // 6 h of 8 h: 1 h Friday, 5 h Monday
  });

  it('counts office holidays of the organisation', () => {
    const clock = startClock(organisation({ holidays: ['2026-03-16'] }), 'billing', 'B', at('2026-03-13 16:00'));
    expect(wall(clock.dueAt)).toBe('Tue 2026-03-17 16:00');
  });
});

describe('pause and resume', () => {
  const start = startClock(org, 'technical', 'B', at('2026-03-10 10:00'));

  it('pausing removes the deadline and bumps the version', () => {
    const paused = pauseClock(start, at('2026-03-10 12:00'));
    expect(paused.dueAt).toBeNull();
    expect(paused.warningAt).toBeNull();
    expect(paused.version).toBe(start.version + 1);
    expect(pauseClock(paused, at('2026-03-10 13:00'))).toBe(paused); // already paused
  });

  it('resuming moves the deadline by the working time that was left', () => {
    const paused = pauseClock(start, at('2026-03-10 12:00')); // 2 h used, 13 h left
    const resumed = resumeClock(paused, at('2026-03-11 10:00'));
    expect(wall(resumed.dueAt)).toBe('Wed 2026-03-11 23:00');
    expect(resumed.version).toBe(paused.version + 1);
    expect(resumed.pauses).toEqual([{ from: at('2026-03-10 12:00').toISOString(), to: at('2026-03-11 10:00').toISOString() }]);
  });

  it('a pause that lies wholly in closed hours leaves the deadline where it was', () => {
    const paused = pauseClock(start, at('2026-03-11 01:00'));
    const resumed = resumeClock(paused, at('2026-03-11 08:00'));
    expect(resumed.dueAt).toBe(start.dueAt);
  });

  it('resuming a running clock changes nothing', () => {
    expect(resumeClock(start, at('2026-03-10 12:00'))).toBe(start);
  });

  it('re-arms a fired warning whose new time is still ahead', () => {
    const warned = { ...start, warned: true };
    const resumed = resumeClock(pauseClock(warned, at('2026-03-10 22:00')), at('2026-03-11 09:30'));
    expect(resumed.warned).toBe(true); // the warning time (21:15) stays before the pause
    const earlyPause = resumeClock(pauseClock(warned, at('2026-03-10 20:00')), at('2026-03-11 12:00'));
    expect(wall(earlyPause.warningAt)).toBe('Wed 2026-03-11 13:15');
    expect(earlyPause.warned).toBe(false);
  });
});

const change = { actor: 'agent:a1', change: 'grade change' };

describe('regradeClock', () => {
  it('recomputes from creation with the new grade, paused time excluded', () => {
    const created = at('2026-03-10 10:00');
    const paused = resumeClock(pauseClock(startClock(org, 'technical', 'B', created), at('2026-03-10 12:00')), at('2026-03-10 14:00'));
    const regraded = regradeClock(paused, org, 'technical', 'C', at('2026-03-10 15:00'), change);
    // 45 h of working time from Tue 10:00 around the 2 h pause: Tue 12 h, Wed 15 h, Thu 15 h, Fri 3 h
    expect(wall(regraded.dueAt)).toBe('Fri 2026-03-13 12:00');
    expect(regraded.targetMs).toBe(45 * H);
    expect(regraded.version).toBe(paused.version + 1);
  });

  it('raising to A switches to the real-time calendar counted from creation', () => {
    const clock = startClock(premier(), 'technical', 'B', at('2026-03-10 10:00'));
    const regraded = regradeClock(clock, premier(), 'technical', 'A', at('2026-03-10 10:20'), change);
    expect(regraded.calendar).toBe('always');
    expect(wall(regraded.dueAt)).toBe('Tue 2026-03-10 11:00');
  });

  it('keeps a breach as it is and records what the new deadline would have made of it', () => {
    const clock = markBreached(startClock(org, 'technical', 'B', at('2026-03-10 10:00')), 'B');
    const lowered = regradeClock(clock, org, 'technical', 'C', at('2026-03-11 10:05'), change);
    expect(lowered).toMatchObject({
      breached: true,
      breachedAt: clock.dueAt,
      dueAt: clock.dueAt,
      version: clock.version,
      outcome: clock.outcome,
    });
    expect(lowered.alternatives).toEqual([expect.objectContaining({ grade: 'C', result: 'not_yet_due', change: 'grade change' })]);
  });

  it('keeps a late answer missed when the lower grade would have met it', () => {
    const answered = recordFirstResponse(startClock(org, 'technical', 'B', at('2026-03-10 10:00')), 'B', at('2026-03-11 12:00'));
    const lowered = regradeClock(answered, org, 'technical', 'C', at('2026-03-11 12:05'), change);
    expect(lowered.met).toBe(false);
    expect(lowered.outcome?.result).toBe('missed');
    expect(lowered.alternatives).toEqual([expect.objectContaining({ result: 'met', grade: 'C' })]);
  });

  it('records nothing beside a result the new grade would judge the same', () => {
    const answered = recordFirstResponse(startClock(org, 'technical', 'C', at('2026-03-10 10:00')), 'C', at('2026-03-10 11:00'));
    expect(regradeClock(answered, org, 'technical', 'B', at('2026-03-10 12:00'), change)).toBe(answered);
  });
});

describe('settleClock and resolveClock', () => {
  const clock = startClock(org, 'technical', 'B', at('2026-03-10 10:00'));

  it('records a deadline that passed unanswered as missed, at the deadline', () => {
    expect(settleClock(clock, 'B', at('2026-03-11 09:59'))).toBe(clock);
    const settled = settleClock(clock, 'B', at('2026-03-11 10:00'));
    expect(settled).toMatchObject({ breached: true, breachedAt: clock.dueAt, outcome: { result: 'missed', at: clock.dueAt, grade: 'B' } });
  });

  it('resolving before any response is an outcome of its own', () => {
    const resolved = resolveClock(clock, 'B', at('2026-03-10 11:00'));
    expect(resolved.outcome).toMatchObject({ result: 'resolved_without_response', at: at('2026-03-10 11:00').toISOString() });
    expect(resolved.met).toBe(false);
  });
});

describe('recordFirstResponse', () => {
  const clock = startClock(org, 'technical', 'B', at('2026-03-10 10:00'));

  it('records the working time and that the SLA was met', () => {
    const answered = recordFirstResponse(clock, 'B', at('2026-03-11 09:30'));
    expect(answered).toMatchObject({ firstResponseAt: at('2026-03-11 09:30').toISOString(), responseWorkingMs: 14.5 * H, met: true });
  });

  it('records a miss after the deadline', () => {
    expect(recordFirstResponse(clock, 'B', at('2026-03-11 10:01')).met).toBe(false);
  });

  it('counts an answer at the deadline itself as met', () => {
    expect(recordFirstResponse(clock, 'B', at('2026-03-11 10:00')).met).toBe(true);
  });

  it('judges an office answer sent after hours against the deadline, not the working time', () => {
    const office = startClock(org, 'billing', 'B', at('2026-03-16 09:00')); // due Mon 17:00
    const late = recordFirstResponse(office, 'B', at('2026-03-16 20:00'));
    expect(late.responseWorkingMs).toBe(8 * H);
    expect(late.met).toBe(false);
  });

  it('excludes paused time, also when the answer comes during a pause', () => {
    const paused = pauseClock(clock, at('2026-03-10 12:00'));
    const answered = recordFirstResponse(paused, 'B', at('2026-03-12 12:00'));
    expect(answered.responseWorkingMs).toBe(2 * H);
    expect(answered.met).toBe(true);
  });

  it('keeps the first answer', () => {
    const first = recordFirstResponse(clock, 'B', at('2026-03-10 11:00'));
    expect(recordFirstResponse(first, 'B', at('2026-03-10 12:00'))).toBe(first);
  });
});
