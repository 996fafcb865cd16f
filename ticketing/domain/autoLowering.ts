import { DateTime } from 'luxon';
import { isLoweringEventOwed, loweringTime, type LoweringRules } from './lowering';
import type { SlaPolicy } from './slaPolicy';
import { changeGrade } from './ticket';
import { DomainError, type Organisation, type Ticket } from './types';

/**
 * The automatic lowering's two timer events (lowering.ts plans them): first the customer is told
 * when the grade drops unless they answer, then it drops, as "customer not responding".
 */

/** Tells the customer (a desk message in their conversation) when the grade drops; null when not owed. */
export function sendLoweringNotice(ticket: Ticket, version: number, rules: LoweringRules, now: Date): Ticket | null {
  const plan = ticket.autoLowering;
  if (!plan || plan.version !== version || !isLoweringEventOwed(ticket, 'lowering_notice')) return null;
  const lowerAt = loweringTime(ticket, now, rules);
  const when = DateTime.fromJSDate(lowerAt).setZone(ticket.sla.timeZone).setLocale('pl').toFormat('d MMMM yyyy, HH:mm');
  const at = now.toISOString();
  const text = `Czekamy na Twoją odpowiedź w sprawie zgłoszenia ${ticket.id}. Bez odpowiedzi obniżymy jego priorytet z ${ticket.grade} do ${plan.to} o ${when}. Wystarczy odpisać, aby priorytet pozostał.`;
  return {
    ...ticket,
    updatedAt: at,
    autoLowering: { ...plan, lowerAt: lowerAt.toISOString() },
    messages: [...ticket.messages, { at, from: 'agent', author: 'desk', text }],
    history: [
      ...ticket.history,
      {
        at,
        actor: 'sla',
        kind: 'lowering_notice',
        reason: `customer not responding: grade ${ticket.grade} -> ${plan.to} at ${lowerAt.toISOString()} unless they answer`,
      },
    ],
  };
}

/** Lowers the grade as announced; null when not owed (the customer answered, someone changed the grade). */
export function applyAutoLowering(
  ticket: Ticket,
  org: Organisation,
  version: number,
  rules: LoweringRules,
  now: Date,
  policy?: SlaPolicy,
): Ticket | null {
  const plan = ticket.autoLowering;
  if (!plan || plan.version !== version || !isLoweringEventOwed(ticket, 'lowering') || Date.parse(plan.lowerAt!) > now.getTime())
    return null;
  try {
    return changeGrade(ticket, org, plan.to, 'sla', { reason: 'customer_not_responding' }, now, rules, policy);
  } catch (err) {
    if (err instanceof DomainError) return null; // the rules changed since the notice: an agent decides
    throw err;
  }
}
