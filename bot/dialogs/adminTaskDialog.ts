import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { VerifiedAdmin } from '../../ticketing';
import { VerifyAdminDialog, type Verification, type VerifyAdminDeps } from './verifyAdminDialog';
import { descriptionOf } from './description';
import { OpenTicketDialog, type OpenTicketDeps, type OpenTicketOptions } from './openTicketDialog';
import { sendTicketList, sendTicketStatus } from './ticketStatus';
import { addToTicket } from './addToTicket';

/** What an administrator asked for, done once they are verified. */
export type AdminTask =
  /** `described`: what they wrote as they asked, offered as the description when it describes the problem. */
  | { task: 'open'; described?: string }
  | { task: 'status'; ticketId: string }
  | { task: 'list' }
  /** "dodaj do SR-…": the words after the id (maybe none) go to that ticket of their organisation. */
  | { task: 'add'; ticketId: string; text: string };

/** The ticket whose thread a task opened (a new ticket, or one added to), and who writes in it. */
export interface TicketThread {
  ticketId: string;
  adminId: string;
}

export function isTicketThread(value: unknown): value is TicketThread {
  const thread = value as Partial<TicketThread> | null;
  return typeof thread?.ticketId === 'string' && typeof thread.adminId === 'string';
}

const STEPS = 'adminTask.steps';

/**
 * Verifies the administrator (if this conversation is not verified yet), then does the task.
 * Ends with the TicketThread the task opened, or null.
 */
export class AdminTaskDialog extends ComponentDialog {
  static readonly id = 'adminTask';

  constructor(private readonly deps: VerifyAdminDeps & OpenTicketDeps) {
    super(AdminTaskDialog.id);
    this.addDialog(new VerifyAdminDialog(deps));
    this.addDialog(new OpenTicketDialog(deps));
    this.addDialog(
      new WaterfallDialog<AdminTask>(STEPS, [
        (step) => step.beginDialog(VerifyAdminDialog.id),
        (step) => this.doTask(step),
        (step) => this.opened(step),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async doTask(step: WaterfallStepContext<AdminTask>): Promise<DialogTurnResult> {
    const verification = step.result as Verification | null;
    if (!verification) return step.endDialog(null);
    const { describedMeanwhile = [], ...admin } = verification;
    (step.values as { admin: VerifiedAdmin }).admin = admin;
    const task = step.options;
    switch (task.task) {
      case 'open': {
        // What they typed past "are you an administrator?" is more of the same problem.
        const described = descriptionOf([task.described, ...describedMeanwhile]);
        return step.beginDialog(OpenTicketDialog.id, { ...admin, described } satisfies OpenTicketOptions);
      }
      case 'status':
        await sendTicketStatus(step.context, this.deps, admin, task.ticketId);
        return step.endDialog(null);
      case 'list':
        await sendTicketList(step.context, this.deps, admin);
        return step.endDialog(null);
      case 'add': {
        const added = await addToTicket(step.context, this.deps, admin, task.ticketId, task.text);
        return step.endDialog(added ? ({ ticketId: task.ticketId, adminId: admin.adminId } satisfies TicketThread) : null);
      }
    }
  }

  /** The ticket dialog ended: with the new ticket's id, its thread opens. */
  private async opened(step: WaterfallStepContext<AdminTask>): Promise<DialogTurnResult> {
    const ticketId = step.result as string | null;
    const { admin } = step.values as { admin: VerifiedAdmin };
    return step.endDialog(ticketId ? ({ ticketId, adminId: admin.adminId } satisfies TicketThread) : null);
  }
}
