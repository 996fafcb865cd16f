import { CATEGORIES, type Category, DomainError } from './types';

/**
 * A person (or machine) working tickets: their id, whether they supervise, and the categories
 * they are skilled for. Skills decide which queues an agent may take tickets from; supervisors
 * may hand a ticket to anyone skilled for its category.
 */
export interface Worker {
  id: string;
  supervisor: boolean;
  skills: readonly Category[];
}

/** Every category: the skills of a supervisor or an API token that names none. */
export const ALL_SKILLS: readonly Category[] = CATEGORIES;

/** The requested queues an agent may claim from: those they have the skill for, in the order asked. */
export function claimableCategories(worker: Worker, requested: readonly Category[]): Category[] {
  return requested.filter((category) => worker.skills.includes(category));
}

/** Refuses a ticket of a category the worker has no skill for, naming both. */
export function checkSkill(worker: Worker, category: Category): void {
  if (!worker.skills.includes(category)) {
    const has = worker.skills.length ? worker.skills.join(', ') : 'none';
    throw new DomainError(
      'skill_missing',
      `${worker.id} has no ${category} skill (skills: ${has}): a ${category} ticket goes to an agent skilled for it`,
    );
  }
}

/**
 * Who may assign a ticket to whom. An agent takes an unassigned ticket for themselves and gives
 * back their own; handing a ticket to someone else, or taking one a colleague holds, is a
 * supervisor's reassignment. Whoever ends up with the ticket needs its category's skill.
 */
export function checkAssignment(
  actor: Worker,
  ticket: { id: string; category: Category; assignee: string | null },
  target: Worker | null,
): void {
  if (!actor.supervisor) {
    const forSelf = target === null ? ticket.assignee === actor.id : target.id === actor.id;
    const takesFromColleague = target !== null && ticket.assignee !== null && ticket.assignee !== actor.id;
    if (!forSelf || takesFromColleague) {
      throw new DomainError(
        'supervisor_required',
        ticket.assignee && ticket.assignee !== actor.id
          ? `${ticket.id} is assigned to ${ticket.assignee}: only a supervisor reassigns it`
          : `only a supervisor assigns ${ticket.id} to someone else; claim it for yourself instead`,
      );
    }
  }
  if (target) checkSkill(target, ticket.category);
}
