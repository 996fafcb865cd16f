import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { VerifiedAdmin } from '../../ticketing';
import { VerifyAdminDialog, type VerifyAdminDeps } from './verifyAdminDialog';
import { OpenTicketDialog, type OpenTicketDeps } from './openTicketDialog';
import { sendTicketList, sendTicketStatus } from './ticketStatus';

/** What an administrator asked for, done once they are verified. */
export type AdminTask = { task: 'open' } | { task: 'status'; ticketId: string } | { task: 'list' };

const STEPS = 'adminTask.steps';

/** Verifies the administrator (if this conversation is not verified yet), then does the task. */
export class AdminTaskDialog extends ComponentDialog {
  static readonly id = 'adminTask';

  constructor(private readonly deps: VerifyAdminDeps & OpenTicketDeps) {
    super(AdminTaskDialog.id);
    this.addDialog(new VerifyAdminDialog(deps));
    this.addDialog(new OpenTicketDialog(deps));
    this.addDialog(new WaterfallDialog<AdminTask>(STEPS, [(step) => step.beginDialog(VerifyAdminDialog.id), (step) => this.doTask(step)]));
    this.initialDialogId = STEPS;
  }

  private async doTask(step: WaterfallStepContext<AdminTask>): Promise<DialogTurnResult> {
    const admin = step.result as VerifiedAdmin | null;
    if (!admin) return step.endDialog(null);
    const task = step.options;
    switch (task.task) {
      case 'open':
        return step.replaceDialog(OpenTicketDialog.id, admin);
      case 'status':
        await sendTicketStatus(step.context, this.deps, admin, task.ticketId);
        return step.endDialog(null);
      case 'list':
        await sendTicketList(step.context, this.deps, admin);
        return step.endDialog(null);
    }
  }
}
