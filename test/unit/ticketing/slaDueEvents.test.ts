import fc from 'fast-check';
import { pauseClock, resumeClock } from '../../../ticketing/domain/sla';
import { askCustomer, changeStatus, markSlaBreach, markSlaWarning, openTicket } from '../../../ticketing/domain/ticket';
import { dueEvent, dueEventsOf, parseDueMember } from '../../../ticketing/domain/dueEvents';
import { at, premier, ticketInput, deliveredReply } from './fixtures';

const created = at('2026-03-10 10:00');
const fresh = () => openTicket(ticketInput({ orgId: 'fabrikam', grade: 'A' }), premier(), 'SR-2026-000007', created);

test('an open, unanswered ticket is owed its 75% warning and its breach at their instants', () => {
  const t = fresh();
  const v = t.sla.version;
  expect(dueEventsOf(t)).toEqual([
    {
      ticketId: 'SR-2026-000007',
      kind: 'warning',
      version: v,
      dueAtMs: created.getTime() + 45 * 60_000,
      member: `SR-2026-000007|warning|${v}`,
    },
    {
      ticketId: 'SR-2026-000007',
      kind: 'breach',
      version: v,
      dueAtMs: created.getTime() + 60 * 60_000,
      member: `SR-2026-000007|breach|${v}`,
    },
  ]);
});

test('after the warning only the breach is owed, and after the breach nothing', () => {
  const t = fresh();
  const warned = markSlaWarning(t, t.sla.version, at('2026-03-10 10:45'))!;
  expect(dueEventsOf(warned).map((e) => e.kind)).toEqual(['breach']);
  expect(dueEventsOf(markSlaBreach(warned, t.sla.version, at('2026-03-10 11:00'))!)).toEqual([]);
});

test('an answered, paused, resolved or closed ticket is owed nothing', () => {
  const now = at('2026-03-10 10:10');
  const working = changeStatus(fresh(), 'in_progress', 'agent:ola', now);
  const answered = deliveredReply(working, 'ola', 'Sprawdzamy.', now);
  const asked = askCustomer(working, 'ola', 'Czy problem dotyczy wszystkich?', now);
  const paused = { ...working, status: 'waiting_on_customer' as const, sla: pauseClock(working.sla, now) };
  const resolved = changeStatus(working, 'resolved', 'agent:ola', now);
  const closed = changeStatus(resolved, 'closed', 'agent:ola', now);
  for (const t of [answered, asked, paused, resolved, closed]) expect(dueEventsOf(t)).toEqual([]);
  // Resuming owes the events again, under a new version, so the old entries are stale.
  const resumed = { ...paused, status: 'in_progress' as const, sla: resumeClock(paused.sla, at('2026-03-10 10:20')) };
  expect(dueEventsOf(resumed)).toHaveLength(2);
  expect(resumed.sla.version).toBeGreaterThan(working.sla.version);
});

test('a reopened ticket is owed nothing: its result was recorded when it was resolved', () => {
  const resolved = changeStatus(
    changeStatus(fresh(), 'in_progress', 'agent:ola', at('2026-03-10 10:10')),
    'resolved',
    'agent:ola',
    at('2026-03-10 10:20'),
  );
  const reopened = changeStatus(resolved, 'in_progress', 'agent:ola', at('2026-03-10 13:00'));
  expect(dueEventsOf(reopened)).toEqual([]);
});

test('a member reads back as the event it was made from; anything else is rejected', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
      fc.constantFrom('warning' as const, 'breach' as const),
      fc.nat(),
      (id, kind, version) => {
        expect(parseDueMember(dueEvent(id, kind, version, 0).member)).toEqual({ ticketId: id, kind, version });
      },
    ),
  );
  for (const bad of ['', 'SR-1', 'SR-1|warning', 'SR-1|escalate|1', 'SR-1|breach|x', 'SR-1|breach|-1', '|breach|1']) {
    expect(parseDueMember(bad)).toBeNull();
  }
});
