import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

const officeWeek = (ranges: { start: string; end: string }[]) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

/** A policy with split office hours in Warsaw that observe Poland's public holidays, and a resolution goal. */
function polishPolicy() {
  return {
    calendars: {
      always: { realTime: true },
      split: {
        week: officeWeek([
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '16:00' },
        ]),
        holidayCountry: 'PL',
        organisationHolidays: true,
      },
    },
    rules: [
      { grade: 'A', calendar: 'always', targets: { first_response: { hours: 1 } } },
      {
        calendar: 'split',
        targets: { first_response: { businessDays: 1 }, next_response: { hours: 4 }, resolution: { businessDays: 3 } },
      },
    ],
    escalations: [{ event: 'breach', notify: ['log', 'teams'] }],
  };
}

describe('ticketing API: SLA policies', () => {
  let api: TicketingApi;
  let key = 0;
  const open = async (body: unknown) => {
    const res = await api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': `policy-${++key}` } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const billing = () => ticketBody({ category: 'billing', grade: 'B', title: 'Faktura za listopad' });

  beforeAll(async () => {
    api = await startTicketingApi('http-sla-policies');
  });
  afterAll(() => api.close());

  it('refuses a policy with a clear 400 naming the field, and only operators may see or store one', async () => {
    const validate = (body: unknown) => api.call('POST', '/api/sla/policies/validate', { as: 'operator', body });
    const badRange = polishPolicy();
    badRange.calendars.split.week.mon = [{ start: '12:00', end: '08:00' }];
    const reversed = await validate(badRange);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('calendars.split');
    expect(reversed.body.message).toContain('12:00-08:00 ends before it starts');

    const badTime = await validate({
      ...polishPolicy(),
      calendars: { ...polishPolicy().calendars, split: { week: { mon: [{ start: '8:00', end: '12:00' }] } } },
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.message).toContain('calendars.split.week.mon.0.start: must be HH:mm');

    const unknownCountry = await validate({
      ...polishPolicy(),
      calendars: { ...polishPolicy().calendars, split: { ...polishPolicy().calendars.split, holidayCountry: 'XX' } },
    });
    expect(unknownCountry.status).toBe(400);
    expect(unknownCountry.body.message).toContain('calendars.split.holidayCountry: "XX" is not a country');

    const uncovered = await validate({ ...polishPolicy(), rules: [polishPolicy().rules[0]] });
    expect(uncovered.status).toBe(400);
    expect(uncovered.body.message).toContain('rules: no rule covers a standard technical grade B ticket');

    const unknownCalendar = await validate({
      ...polishPolicy(),
      rules: [{ calendar: 'night', targets: { first_response: { hours: 1 } } }],
    });
    expect(unknownCalendar.status).toBe(400);
    expect(unknownCalendar.body.message).toContain('rules.0.calendar: "night" is not one of the policy\'s calendars');

    expect((await api.call('GET', '/api/sla/policies', { as: 'agent' })).status).toBe(403);
    expect((await api.call('POST', '/api/sla/policies', { as: 'agent', body: polishPolicy() })).status).toBe(403);
    // Nothing refused was stored: the repository's policy is still the only version.
    const listed = await api.call('GET', '/api/sla/policies', { as: 'operator' });
    expect(listed.body.current).toBe(1);
    expect(listed.body.items.map((p: { storedBy: string }) => p.storedBy)).toEqual(['repository']);
  });

  it('a stored version with custom hours and Polish holidays sets new deadlines; open tickets keep their version', async () => {
    // Tuesday 10 November 2026, 15:00 in Warsaw; Wednesday the 11th is Independence Day.
    api.clock.now = new Date('2026-11-10T14:00:00.000Z');
    const before = await open(billing());
    // The default office calendar (Mon-Fri 09:00-17:00, no country holidays): 2 h on Tuesday, 6 h on Wednesday.
    expect(before.sla.dueAt).toBe('2026-11-11T14:00:00.000Z');
    expect(before.terms.policyVersion).toBe(1);

    const checked = await api.call('POST', '/api/sla/policies/validate', { as: 'operator', body: polishPolicy() });
    expect(checked.status).toBe(200);
    expect(checked.body.calendars.split.holidays).toEqual(expect.arrayContaining(['2026-11-11', '2026-12-25', '2027-05-03']));
    expect((await api.call('GET', '/api/sla/policies', { as: 'operator' })).body.current).toBe(1); // validating stores nothing

    const stored = await api.call('POST', '/api/sla/policies', { as: 'operator', body: polishPolicy() });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ version: 2, storedBy: 'operator:ops' });
    expect((await api.call('GET', '/api/sla/policies/2', { as: 'operator' })).body.calendars.split.holidays).toContain('2026-11-11');
    expect((await api.call('GET', '/api/sla/policies/3', { as: 'operator' })).status).toBe(404);

    const after = await open(billing());
    expect(after.terms).toMatchObject({ policyVersion: 2, resolutionMs: 3 * 7 * 3_600_000 });
    // 7 working hours a day: Tuesday 15:00-16:00, the holiday skipped, Thursday 08:00-12:00 and 13:00-15:00.
    expect(after.sla.dueAt).toBe('2026-11-12T14:00:00.000Z');
    expect(after.sla.calendar).toBe('split');
    // 21 working hours: Tuesday 1 h, Thursday 7 h, Friday 7 h, Monday 16 November 6 h -> 15:00.
    expect(after.resolution.dueAt).toBe('2026-11-16T14:00:00.000Z');

    // The ticket opened under version 1 keeps its deadline, and a regrade computes with its own version.
    expect((await api.call('GET', `/api/tickets/${before.id}`, { as: 'agent' })).body.sla.dueAt).toBe(before.sla.dueAt);
    api.clock.now = new Date('2026-11-10T14:30:00.000Z');
    const lowered = await api.call('POST', `/api/tickets/${before.id}/grade`, {
      as: 'agent',
      body: { grade: 'C', reason: 'agreed_with_customer', agreedBy: 'jan.nowak' },
    });
    expect(lowered.status).toBe(200);
    // Default office C: 24 h from Tuesday 15:00 -> Tuesday 2 h, Wed-Fri 8 h each is 26 h: Friday 15:00.
    expect(lowered.body.sla).toMatchObject({ calendar: 'office', dueAt: '2026-11-13T14:00:00.000Z' });
    expect(lowered.body.terms.policyVersion).toBe(1);
  });
});
