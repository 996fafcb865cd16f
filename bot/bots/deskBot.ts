import { InvokeResponse, PrivateConversationState, StatePropertyAccessor, StatusCodes, TeamsActivityHandler, TurnContext, UserState } from 'botbuilder';
import { DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Logger } from '../../common/logger';
import type { TicketService } from '../../ticketing';
import type { KnowledgeAnswers } from '../knowledgeAnswers';
import { detectLocale, localeFromTag, t, type Locale } from '../i18n';
import { localeOf, setTurnLocale } from '../turnLocale';
import { isCommand, ticketIdIn } from '../commands';
import { sendWithButtons } from '../buttons';
import type { ConversationLock } from '../conversationLock';
import type { FaqFeedback } from '../faqFeedback';
import type { AwaitingReplies } from '../proactive/awaitingReplies';
import { AdminTaskDialog, type AdminTask } from '../dialogs/adminTaskDialog';
import { sendNonAdminGuidance } from '../dialogs/verifyAdminDialog';
import { personScopeOf } from '../channels';

/** The ticket this conversation's message may answer, read with the turn's state. */
const AWAITED_TICKET = Symbol('awaitedTicket');

/** What the bot remembers about a person's conversation between turns (besides the dialog stack). */
interface DeskConversation {
  locale?: Locale;
  /** The article of the last answer, while its "Did this help?" is open. */
  lastAnswer?: { articleId: string; title: string };
  /** The questions just offered as buttons: pressing one (a Polish title) keeps the chat's language. */
  suggested?: string[];
}

export interface DeskBotDeps {
  kb: KnowledgeAnswers;
  tickets: TicketService;
  /** Dialog stack and desk memory per person in a conversation: in a group chat each member has their own. */
  personState: PrivateConversationState;
  userState: UserState;
  adminTasks: AdminTaskDialog;
  feedback: FaqFeedback;
  awaiting: AwaitingReplies;
  lock: ConversationLock;
  logger: Logger;
}

/**
 * The support desk bot: answers questions from the knowledge base, verifies administrators and
 * opens tickets with them, tells them where their tickets stand, and passes their answers to
 * agents' replies on to the ticket. One conversation's turns run one at a time on any instance.
 */
export class DeskBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly desk: StatePropertyAccessor<DeskConversation>;
  /** The language a person last wrote in, for their next conversation's welcome. */
  private readonly userLocale: StatePropertyAccessor<Locale | undefined>;

  constructor(private readonly deps: DeskBotDeps) {
    super();
    this.dialogState = deps.personState.createProperty('dialogState');
    this.desk = deps.personState.createProperty('desk');
    this.userLocale = deps.userState.createProperty('locale');
    this.dialogs = new DialogSet(this.dialogState).add(deps.adminTasks);

    this.onMessage(async (context, next) => {
      await this.onCustomerMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.onMembersJoined(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // Web Chat's page says hello with this event when the chat opens.
      if (context.activity.name === 'webchat/join') {
        await this.setJoinLocale(context);
        await this.welcome(context);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return super.run(context);
    const { personState, userState } = this.deps;
    await this.deps.lock.run(conversationId, async () => {
      // Loaded together, the two states and the awaited ticket cost one Redis read (RedisStorage batches them).
      const [, , awaited] = await Promise.all([personState.load(context), userState.load(context), this.deps.awaiting.get(personScopeOf(context))]);
      context.turnState.set(AWAITED_TICKET, awaited);
      await super.run(context);
      await Promise.all([personState.saveChanges(context), userState.saveChanges(context)]);
    });
  }

  /** botbuilder answers an invoke it has no handler for with a bare 501; for the caller it is a request we do not take. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== StatusCodes.NOT_IMPLEMENTED) return response;
    return { status: StatusCodes.BAD_REQUEST, body: { error: 'unsupported_invoke', message: `invoke "${context.activity.name ?? ''}" is not supported by this bot` } };
  }

  private async onCustomerMessage(context: TurnContext): Promise<void> {
    // In a Teams channel the message starts with "@Desk": the words after it are the message.
    if (context.activity.channelId === 'msteams') TurnContext.removeRecipientMention(context.activity);
    const desk = await this.desk.get(context, {});
    const text = context.activity.text?.trim() ?? '';
    // Most turns are questions outside any dialog: the dialog context is built only when needed.
    const inDialog = ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
    const pickedSuggestion = desk.suggested?.includes(text) ?? false;
    desk.suggested = undefined;
    // Inside a dialog the language stays put (a company name or a code says nothing about it).
    const locale = inDialog || pickedSuggestion
      ? desk.locale ?? localeFromTag(context.activity.locale) ?? 'pl'
      : detectLocale(text) ?? localeFromTag(context.activity.locale) ?? desk.locale ?? (await this.userLocale.get(context)) ?? 'pl';
    desk.locale = locale;
    await this.userLocale.set(context, locale);
    setTurnLocale(context, locale);

    if (isCommand(text, 'commands.cancel')) {
      if (inDialog) await (await this.dialogs.createContext(context)).cancelAllDialogs();
      desk.lastAnswer = undefined;
      await this.deps.awaiting.clear(personScopeOf(context));
      await context.sendActivity(t(locale, inDialog ? 'cancel.done' : 'cancel.nothing'));
      return;
    }
    if (isCommand(text, 'commands.help')) {
      await this.sendHelp(context);
      if (inDialog) await (await this.dialogs.createContext(context)).repromptDialog();
      return;
    }
    if (inDialog) {
      const result = await (await this.dialogs.createContext(context)).continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }
    if (!text) {
      // A card's button pressed after its dialog ended (or was cancelled).
      if (context.activity.value) await context.sendActivity(t(locale, 'card.expired'));
      // A screenshot or file alone: say so rather than stay silent.
      else if (context.activity.attachments?.length) await context.sendActivity(t(locale, 'message.attachmentOnly'));
      return;
    }
    if (await this.feedbackGiven(context, desk, text)) return;

    const ticketId = ticketIdIn(text);
    if (ticketId && (isStatusRequest(text) || text.toUpperCase() === ticketId)) return this.startTask(context, { task: 'status', ticketId });
    if (isCommand(text, 'commands.myTickets')) return this.startTask(context, { task: 'list' });
    if (isCommand(text, 'commands.human') || isCommand(text, 'commands.openTicket')) return this.startTask(context, { task: 'open' });
    if (isCommand(text, 'commands.notAdmin')) return sendNonAdminGuidance(context);
    if (isCommand(text, 'commands.greeting')) return this.welcome(context);
    if (await this.answerToTicket(context, text)) return;
    // After the awaited answer: "dziękuję" to an agent's reply is for the agent to read.
    if (isCommand(text, 'commands.thanks')) {
      await context.sendActivity(t(locale, 'thanks.reply'));
      return;
    }
    await this.answerQuestion(context, desk, text, pickedSuggestion);
  }

  private async startTask(context: TurnContext, task: AdminTask): Promise<void> {
    (await this.desk.get(context, {})).lastAnswer = undefined;
    await (await this.dialogs.createContext(context)).beginDialog(AdminTaskDialog.id, task);
  }

  /** A question for the knowledge base: an answer with its source, suggestions, or a way on. */
  private async answerQuestion(context: TurnContext, desk: DeskConversation, question: string, pickedSuggestion: boolean): Promise<void> {
    const locale = localeOf(context);
    const found = this.deps.kb.answer(question, pickedSuggestion ? locale : detectLocale(question) ?? locale);
    desk.lastAnswer = undefined;
    if (found.answered && found.source) {
      desk.lastAnswer = found.source;
      await context.sendActivity(`${found.answer}\n\n${t(locale, 'faq.source', { title: found.source.title })}`);
      await sendWithButtons(context, t(locale, 'faq.helped'), [t(locale, 'choice.yes'), t(locale, 'choice.no')]);
      return;
    }
    if (found.suggestions.length > 0) {
      desk.suggested = found.suggestions.slice(0, 3).map((s) => s.question);
      await sendWithButtons(context, t(locale, 'faq.suggestions'), desk.suggested);
      return;
    }
    await sendWithButtons(context, t(locale, 'faq.noAnswer'), [t(locale, 'button.openTicket')]);
  }

  /** "Tak"/"Nie" right after an answer: counted for that article. */
  private async feedbackGiven(context: TurnContext, desk: DeskConversation, text: string): Promise<boolean> {
    if (!desk.lastAnswer) return false;
    const helpful = isCommand(text, 'commands.yes') ? true : isCommand(text, 'commands.no') ? false : null;
    if (helpful === null) return false;
    const locale = localeOf(context);
    await this.deps.feedback.record(desk.lastAnswer.articleId, helpful);
    desk.lastAnswer = undefined;
    if (helpful) await context.sendActivity(t(locale, 'faq.thanks'));
    else await sendWithButtons(context, t(locale, 'faq.sorry'), [t(locale, 'button.openTicket')]);
    return true;
  }

  /**
   * The requester's first message after an agent's reply reached this chat is their answer to
   * that ticket (the reply said so); a waiting_on_customer ticket goes back to in_progress with it.
   */
  private async answerToTicket(context: TurnContext, text: string): Promise<boolean> {
    const scope = personScopeOf(context);
    const ticketId: string | null = context.turnState.get(AWAITED_TICKET);
    if (!ticketId) return false;
    const ticket = await this.deps.tickets.get(ticketId);
    if (!ticket || ticket.status === 'resolved' || ticket.status === 'closed') {
      await this.deps.awaiting.clear(scope);
      return false;
    }
    // Awaited per person: the writer is the administrator who opened the ticket from this chat.
    await this.deps.tickets.customerMessage(ticketId, ticket.adminId, text);
    await this.deps.awaiting.clear(scope);
    await context.sendActivity(t(localeOf(context), 'reply.added', { id: ticketId }));
    return true;
  }

  private async onMembersJoined(context: TurnContext): Promise<void> {
    const { activity } = context;
    const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
    if (botAdded && activity.conversation.conversationType === 'channel') {
      // An operator who wants breach escalations here saves this reference (see README).
      this.deps.logger.info(
        { agentsConversationReference: TurnContext.getConversationReference(activity) },
        'bot added to a Teams channel: save agentsConversationReference to AGENTS_CONVERSATION_REFERENCE_FILE to post SLA escalations here',
      );
    }
    const someoneJoined = activity.membersAdded?.some((m) => m.id !== activity.recipient.id);
    if (botAdded || someoneJoined) {
      await this.setJoinLocale(context);
      await this.welcome(context);
    }
  }

  /** Nobody has written yet: the client's language, or the one this conversation last used. */
  private async setJoinLocale(context: TurnContext): Promise<void> {
    const desk = await this.desk.get(context, {});
    setTurnLocale(context, localeFromTag(context.activity.locale) ?? desk.locale ?? (await this.userLocale.get(context)) ?? 'pl');
  }

  private async welcome(context: TurnContext): Promise<void> {
    const locale = localeOf(context);
    await sendWithButtons(context, t(locale, 'welcome'), [t(locale, 'button.help'), t(locale, 'button.openTicket')]);
  }

  private async sendHelp(context: TurnContext): Promise<void> {
    await context.sendActivity(t(localeOf(context), 'help'));
  }
}

function isStatusRequest(text: string): boolean {
  return /^\s*(status|stan)\b/i.test(text);
}
