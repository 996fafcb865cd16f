import { MessageFactory, TurnContext, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnResult,
  FoundChoice,
  PromptOptions,
  PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DeskChoicePrompt } from './choicePrompt';
import { descriptionIn, MIN_DESCRIPTION } from './description';
import { mentions, typedAnswerIn, type TypedChoice } from '../typedAnswer';
import { createHash, randomUUID } from 'crypto';
import {
  type Administrator,
  type AttachmentRef,
  allowedGrades,
  cappedGrade,
  CATEGORIES,
  type Category,
  type ContactMethod,
  type Grade,
  type GradeSuggester,
  emailAddressIn,
  phoneNumberIn,
  LIMITS,
  type NewTicketInput,
  type Organisation,
  type VerifiedAdmin,
} from '../../ticketing';
import type { OrganisationDirectory, TicketDesk } from '../ports';
import { t, type MessageKey } from '../i18n';
import { localeOf } from '../turnLocale';
import { personScopeOf } from '../channels';
import { choiceSaidAs, isCommand, phrasingsOf } from '../commands';
import { choiceStyle, withButtons } from '../buttons';
import { deadlineInWords } from '../deadlineWords';
import { CANCEL_TICKET, CONFIRM_TICKET, supportsAdaptiveCards, ticketSummaryCard, ticketSummaryText } from '../cards/ticketSummaryCard';

export interface OpenTicketDeps {
  organisations: OrganisationDirectory;
  tickets: TicketDesk;
  suggester: GradeSuggester;
  clock: () => Date;
  /** Files the person sent before the request existed (see bot/files/chatFiles.ts): the request takes them. */
  heldFiles?: { held(scope: string): Promise<AttachmentRef[]>; release(scope: string): Promise<void> };
}

/** The verified administrator, and what they wrote when they asked for the ticket, if it described the problem. */
export type OpenTicketOptions = VerifiedAdmin & { described?: string };

interface Draft {
  requestId: string;
  orgId: string;
  adminId: string;
  category: Category;
  description: string;
  affected: string;
  email?: string;
  phone?: string;
  preferred: ContactMethod;
  editContact: boolean;
  /** Which of the two the person wants changed ("numer mam inny": the number only); both when unsaid or on older drafts. */
  editEmail?: boolean;
  editPhone?: boolean;
  grades: Grade[];
  grade: Grade;
  /** Fixed with the summary, so that a retried last turn sends the same request. */
  files?: AttachmentRef[];
}

const STEPS = 'openTicket.steps';
const CHOICE = 'openTicket.choice';
const CATEGORY = 'openTicket.category';
const DESCRIPTION = 'openTicket.description';
const TEXT = 'openTicket.text';
const EMAIL = 'openTicket.email';
const PHONE = 'openTicket.phone';
const CONFIRM = 'openTicket.confirm';

/** The most of an earlier message quoted back when it is offered as the description. */
const QUOTED_MAX = 200;

/**
 * Opens a support request for a verified administrator: category, description, who is affected,
 * contact details confirmed from the profile, a suggested grade limited to what the contract and
 * category allow, a summary to confirm, then exactly one ticket however often the last turn is
 * retried (the idempotency key is fixed when the dialog starts).
 * Started with OpenTicketOptions; ends with the ticket id, or null when cancelled.
 */
export class OpenTicketDialog extends ComponentDialog {
  static readonly id = 'openTicket';

  constructor(private readonly deps: OpenTicketDeps) {
    super(OpenTicketDialog.id);
    this.addDialog(new DeskChoicePrompt(CHOICE));
    // People often answer "what is it about?" by describing the problem: that answer is kept.
    this.addDialog(new DeskChoicePrompt(CATEGORY, async (pc) => pc.recognized.succeeded || describedIn(pc.context) !== undefined));
    this.addDialog(
      new TextPrompt(
        DESCRIPTION,
        async (pc) =>
          isCommand(pc.context.activity.text, 'commands.useDescription') || lengthAccepted(pc, LIMITS.description, MIN_DESCRIPTION),
      ),
    );
    this.addDialog(new TextPrompt(TEXT, (pc) => lengthAccepted(pc, LIMITS.affected)));
    this.addDialog(new TextPrompt(EMAIL, async (pc) => pc.recognized.succeeded && contactGiven(pc, emailAddressIn)));
    this.addDialog(new TextPrompt(PHONE, async (pc) => pc.recognized.succeeded && contactGiven(pc, phoneNumberIn)));
    this.addDialog(new TextPrompt(CONFIRM, (pc) => confirmationGiven(pc)));
    this.addDialog(
      new WaterfallDialog<OpenTicketOptions>(STEPS, [
        (s) => this.askCategory(s),
        (s) => this.askDescription(s),
        (s) => this.askAffected(s),
        (s) => this.confirmContact(s),
        (s) => this.askEmail(s),
        (s) => this.askPhone(s),
        (s) => this.askPreferred(s),
        (s) => this.askGrade(s),
        (s) => this.showSummary(s),
        (s) => this.create(s),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async askCategory(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    // Fixed once per dialog and saved with its state: a retried final turn reuses it.
    draft.requestId = randomUUID();
    draft.orgId = step.options.orgId;
    draft.adminId = step.options.adminId;
    return step.prompt(CATEGORY, categoryPrompt(step.context, 'ticket.askCategory'));
  }

  /** Asks for the description, unless the answer to the category was one; then for the category if it named none. */
  private async askDescription(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    if (step.result) draft.category = chosen(CATEGORIES, step.result);
    const described = describedIn(step.context);
    if (described === undefined) return step.prompt(DESCRIPTION, { prompt: descriptionPrompt(step) });
    draft.description = described;
    if (step.result) return step.next(described);
    return step.prompt(CHOICE, categoryPrompt(step.context, 'ticket.describedAskCategory'));
  }

  private async askAffected(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    // The category asked after a description that came first, or the description.
    if (draft.category === undefined) draft.category = chosen(CATEGORIES, step.result);
    else if (step.options.described && isCommand(step.context.activity.text, 'commands.useDescription'))
      draft.description = step.options.described;
    else draft.description = String(step.result).trim();
    return step.prompt(TEXT, { prompt: t(localeOf(step.context), 'ticket.askAffected') });
  }

  private async confirmContact(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const locale = localeOf(step.context);
    const draft = step.values as Draft;
    draft.affected = String(step.result).trim();
    const { admin } = await this.profile(draft);
    draft.email = admin.email;
    draft.phone = admin.phone;
    return step.prompt(CHOICE, {
      prompt: t(locale, 'ticket.confirmContact', { email: admin.email ?? '-', phone: admin.phone ?? '-' }),
      style: choiceStyle(step.context),
      choices: [
        choiceSaidAs(t(locale, 'choice.contactOk'), 'commands.yes', 'commands.contactOk'),
        choiceSaidAs(t(locale, 'choice.contactEdit'), 'commands.no', 'commands.contactChange'),
      ],
    });
  }

  private async askEmail(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    draft.editContact = (step.result as FoundChoice).index === 1;
    if (!draft.editContact) return step.next();
    // "tak, ale numer mam inny" asks for the number only, "mail się zmienił" for the address only.
    const said = step.context.activity.text ?? '';
    const named = { email: mentions(said, phrasingsOf('commands.mailWords')), phone: mentions(said, phrasingsOf('commands.phoneWords')) };
    draft.editEmail = named.email || !named.phone;
    draft.editPhone = named.phone || !named.email;
    if (!draft.editEmail) return step.next();
    const locale = localeOf(step.context);
    return step.prompt(EMAIL, {
      prompt: draft.email ? t(locale, 'ticket.askEmailOrKeep', { email: draft.email }) : t(locale, 'ticket.askEmail'),
      retryPrompt: t(locale, 'verify.emailInvalid'),
      validations: { current: draft.email },
    });
  }

  private async askPhone(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    if (!draft.editContact) return step.next();
    // "bez zmian" keeps the address from the profile.
    if (draft.editEmail !== false) draft.email = emailAddressIn(String(step.result)) ?? draft.email;
    if (draft.editPhone === false) return step.next();
    const locale = localeOf(step.context);
    return step.prompt(PHONE, {
      prompt: draft.phone ? t(locale, 'ticket.askPhoneOrKeep', { phone: draft.phone }) : t(locale, 'ticket.askPhone'),
      retryPrompt: t(locale, 'ticket.phoneInvalid'),
      validations: { current: draft.phone },
    });
  }

  private async askPreferred(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const draft = step.values as Draft;
    if (draft.editContact && draft.editPhone !== false) draft.phone = phoneNumberIn(String(step.result)) ?? draft.phone;
    if (!draft.phone || !draft.email) return step.next(null);
    const locale = localeOf(step.context);
    return step.prompt(CHOICE, {
      prompt: t(locale, 'ticket.askPreferred'),
      style: choiceStyle(step.context),
      choices: [choiceSaidAs(t(locale, 'choice.email'), 'commands.email'), choiceSaidAs(t(locale, 'choice.phone'), 'commands.phone')],
    });
  }

  private async askGrade(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = localeOf(context);
    const draft = step.values as Draft;
    const picked = step.result as FoundChoice | null;
    draft.preferred = picked ? (picked.index === 0 ? 'email' : 'phone') : draft.email ? 'email' : 'phone';

    const { org } = await this.profile(draft);
    const policy = allowedGrades(org, draft.category);
    draft.grades = policy.grades;
    // Who is affected says as much about the impact as the description ("wszyscy", "tylko ja").
    const suggestion = this.deps.suggester.suggest(`${draft.description}\n${draft.affected}`, draft.category);
    const suggested = cappedGrade(org, draft.category, suggestion.grade);
    const grade = t(locale, `grade.${suggested}` as MessageKey);
    // The impact that decided it when there is one ("a question about how to…"), else the grade's meaning.
    const why = t(locale, `grade.why.${suggestion.reason ?? suggestion.grade}` as MessageKey);
    // A capped suggestion says so: the reason given is the description's, for a higher grade.
    await context.sendActivity(
      suggested === suggestion.grade
        ? t(locale, 'ticket.gradeSuggested', { grade, why })
        : t(locale, 'ticket.gradeCapped', { grade, suggested: t(locale, `grade.${suggestion.grade}` as MessageKey), why }),
    );
    const refusalOfA = policy.refused.A;
    if (refusalOfA) await context.sendActivity(t(locale, `ticket.gradeRefused.${refusalOfA}`));
    const ordered = [suggested, ...policy.grades.filter((g) => g !== suggested)];
    draft.grades = ordered;
    return step.prompt(CHOICE, {
      prompt: t(locale, 'ticket.askGrade'),
      style: choiceStyle(step.context),
      // "tak" / "ok" to "I suggest grade B" takes the suggestion; "wysoki", "niski" name a grade.
      choices: ordered.map((g, i) =>
        choiceSaidAs(t(locale, `grade.${g}` as MessageKey), i === 0 ? 'commands.yes' : `commands.grade${g}`, `commands.grade${g}`),
      ),
    });
  }

  private async showSummary(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = localeOf(context);
    const draft = step.values as Draft;
    draft.grade = chosen(draft.grades, step.result);
    draft.files = (await this.deps.heldFiles?.held(personScopeOf(context))) ?? [];
    const { org } = await this.profile(draft);
    const summary = this.newTicket(draft, context);
    const prompt = supportsAdaptiveCards(context.activity.channelId)
      ? MessageFactory.attachment(ticketSummaryCard(summary, org.name, locale))
      : MessageFactory.text(ticketSummaryText(summary, org.name, locale));
    return step.prompt(CONFIRM, { prompt, retryPrompt: t(locale, 'ticket.confirmRetry') });
  }

  private async create(step: WaterfallStepContext<OpenTicketOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = localeOf(context);
    const draft = step.values as Draft;
    if (!isConfirmation(context)) {
      await context.sendActivity(t(locale, 'ticket.notCreated'));
      return step.endDialog(null);
    }
    const { org } = await this.profile(draft);
    // Conversation ids can be long and carry any character; the key must be short printable ASCII.
    const conversation = createHash('sha256').update(context.activity.conversation.id).digest('hex').slice(0, 32);
    const key = `chat:${conversation}:${draft.requestId}`;
    const { ticket } = await this.deps.tickets.create(this.newTicket(draft, context), key);
    if (draft.files?.length) await this.deps.heldFiles?.release(personScopeOf(context));
    const deadline = ticket.sla.dueAt
      ? deadlineInWords(ticket.sla.dueAt, org.timeZone, locale, this.deps.clock())
      : t(locale, 'deadline.paused');
    await context.sendActivity(t(locale, 'ticket.created', { id: ticket.id, deadline }));
    return step.endDialog(ticket.id);
  }

  private newTicket(draft: Draft, context: TurnContext): NewTicketInput {
    const conversation = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    return {
      orgId: draft.orgId,
      adminId: draft.adminId,
      category: draft.category,
      grade: draft.grade,
      title: titleOf(draft.description),
      description: draft.description,
      affected: draft.affected,
      contact: { email: draft.email, phone: draft.phone, preferred: draft.preferred },
      conversation,
      ...(draft.files?.length ? { attachments: draft.files } : {}),
    };
  }

  private async profile(draft: Draft): Promise<{ org: Organisation; admin: Administrator }> {
    const org = await this.deps.organisations.get(draft.orgId);
    const admin = org?.administrators.find((a) => a.id === draft.adminId);
    if (!org || !admin) throw new Error(`administrator ${draft.adminId} of organisation ${draft.orgId} no longer exists`);
    return { org, admin };
  }
}

/**
 * Text that fits the ticket: too long is said at once with the limit (the ticket would refuse it
 * only after the summary), and a description under `min` characters is asked for in more words.
 */
async function lengthAccepted(pc: PromptValidatorContext<string>, max: number, min = 1): Promise<boolean> {
  const length = (pc.recognized.value ?? '').trim().length;
  const locale = localeOf(pc.context);
  if (length > max) await pc.context.sendActivity(t(locale, 'ticket.tooLong', { max }));
  else if (length > 0 && length < min) await pc.context.sendActivity(t(locale, 'ticket.descriptionShort', { min }));
  return pc.recognized.succeeded && length >= min && length <= max;
}

/** "Describe the problem", offering the words they asked for the ticket with when those described it. */
function descriptionPrompt(step: WaterfallStepContext<OpenTicketOptions>): Partial<Activity> | string {
  const locale = localeOf(step.context);
  const { described } = step.options;
  if (!described) return t(locale, 'ticket.askDescription');
  const quoted = described.length > QUOTED_MAX ? `${described.slice(0, QUOTED_MAX - 1).trimEnd()}…` : described;
  return withButtons(step.context, t(locale, 'ticket.askDescriptionOffer', { described: quoted }), [t(locale, 'button.useDescription')]);
}

function categoryPrompt(context: TurnContext, question: MessageKey): PromptOptions {
  const locale = localeOf(context);
  return {
    prompt: t(locale, question),
    style: choiceStyle(context),
    choices: CATEGORIES.map((c) => choiceSaidAs(t(locale, `category.${c}` as MessageKey), `commands.${c}`)),
  };
}

/**
 * The message as a description of the problem, when it reads as one: typed (not a button), a
 * sentence rather than a short answer, not a question, and of a description's length.
 */
function describedIn(context: TurnContext): string | undefined {
  return context.activity.value === undefined ? descriptionIn(context.activity.text) : undefined;
}

/**
 * An address or number typed at its prompt, or words that keep the one from the profile ("bez
 * zmian", "ten sam") when there is one (the prompt's `validations.current`).
 */
async function contactGiven(pc: PromptValidatorContext<string>, readOut: (text: string) => string | undefined): Promise<boolean> {
  const text = pc.recognized.value ?? '';
  if (readOut(text) !== undefined) return true;
  const { current } = (pc.options.validations ?? {}) as { current?: string };
  return !!current && mentions(text, phrasingsOf('commands.keepContact'));
}

/** The option a choice prompt returned: always one it offered. */
function chosen<T>(options: readonly T[], result: unknown): T {
  const option = options[(result as FoundChoice).index];
  if (option === undefined) throw new Error(`the choice prompt returned option ${(result as FoundChoice).index} of ${options.length}`);
  return option;
}

function titleOf(description: string): string {
  const [firstLine = ''] = description.trim().split('\n', 1);
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine;
}

function submitted(context: TurnContext): string | undefined {
  return (context.activity.value as { action?: string } | undefined)?.action;
}

function isConfirmation(context: TurnContext): boolean {
  return submitted(context) === CONFIRM_TICKET || typedAnswerIn(context.activity.text ?? '', confirmation()) === 0;
}

async function confirmationGiven(pc: PromptValidatorContext<string>): Promise<boolean> {
  const action = submitted(pc.context);
  if (action === CONFIRM_TICKET || action === CANCEL_TICKET) return true;
  return typeof typedAnswerIn(pc.context.activity.text ?? '', confirmation()) === 'number';
}

/** The summary's two answers as people type them: "tak, wysyłaj" / "nie, popraw opis". */
function confirmation(): TypedChoice[] {
  return [choiceSaidAs('confirm', 'commands.yes', 'commands.submit'), choiceSaidAs('cancel', 'commands.no', 'commands.dontSubmit')];
}
