import {
  ActivityTypes,
  InvokeResponse,
  PrivateConversationState,
  StatePropertyAccessor,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  UserState,
} from 'botbuilder';
import {
  DialogSet,
  DialogState,
  type DialogContext,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Logger } from '../../common/logger';
import type { KnowledgeAnswers } from '../knowledgeAnswers';
import { detectLocale, localeFromTag, t, type Locale } from '../i18n';
import { localeOf, setTurnLocale } from '../turnLocale';
import { sendWithButtons } from '../buttons';
import type { AnswerFeedback, AwaitedTickets, CustomerFiles, TicketDesk, TurnLock } from '../ports';
import { AdminTaskDialog, type AdminTask } from '../dialogs/adminTaskDialog';
import { sendStatusOf, type TicketStatusDeps } from '../dialogs/ticketStatus';
import type { Ticket } from '../../ticketing';
import type { IntentRecognizer } from '../intents/recognizer';
import { runTurnRules, type DeskConversation, type DeskSteps } from './turnRules';
import { personScopeOf } from '../channels';
import { runLockedTurn } from '../lockedTurn';
import type { SupportContacts } from '../supportContacts';
import { ChatFiles } from '../files/chatFiles';

/** The ticket this conversation's message may answer, read with the turn's state. */
const AWAITED_TICKET = Symbol('awaitedTicket');
/** The resolved ticket this person was asked to rate, read with the turn's state. */
const PENDING_RATING = Symbol('pendingRating');
/** The turn's dialog context, built once however many rules ask for it. */
const DIALOG_CONTEXT = Symbol('dialogContext');
/**
 * Where botbuilder's DialogStateManager looks for its memory scopes before building them (every
 * scope object, through a service collection, for every dialog context); DialogManager presets
 * it the same way with one configuration for all turns.
 */
const DIALOG_MEMORY_KEY = 'DialogStateManagerConfiguration';

/** The properties of a person's state and of a user's (as their accessors name them). */
const DIALOG_STATE = 'dialogState';
const DESK = 'desk';
const USER_LOCALE = 'locale';
interface PersonMemory {
  [DIALOG_STATE]?: DialogState;
  [DESK]?: DeskConversation;
}
interface UserMemory {
  [USER_LOCALE]?: Locale;
}

export interface DeskBotDeps {
  kb: KnowledgeAnswers;
  /** The same knowledge base, neither counted nor recorded: for readings nobody is answered with. */
  probeKb: KnowledgeAnswers;
  contacts: SupportContacts;
  intents: IntentRecognizer;
  tickets: TicketDesk;
  /** Dialog stack and desk memory per person in a conversation: in a group chat each member has their own. */
  personState: PrivateConversationState;
  userState: UserState;
  adminTasks: AdminTaskDialog;
  feedback: AnswerFeedback;
  awaiting: AwaitedTickets;
  ratings: AwaitedTickets;
  lock: TurnLock;
  files: CustomerFiles;
  logger: Logger;
  /** What a ticket's status is told with (its organisation's time zone, the time now). */
  status: TicketStatusDeps;
}

/**
 * The support desk bot: answers questions from the knowledge base, verifies administrators and
 * opens tickets with them, tells them where their tickets stand, and passes their answers to
 * agents' replies on to the ticket. One conversation's turns run one at a time on any instance.
 */
export class DeskBot extends TeamsActivityHandler implements DeskSteps {
  private readonly dialogs: DialogSet;
  /** What every turn reads with its lock and writes as it lets go. */
  private readonly states: [PrivateConversationState, UserState];
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly desk: StatePropertyAccessor<DeskConversation>;
  /** The language a person last wrote in, for their next conversation's welcome. */
  private readonly userLocale: StatePropertyAccessor<Locale | undefined>;
  /** The dialogs' memory scopes, taken from the first dialog context and shared by every turn after it. */
  private dialogMemory: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: DeskBotDeps) {
    super();
    this.states = [deps.personState, deps.userState];
    this.dialogState = deps.personState.createProperty(DIALOG_STATE);
    this.desk = deps.personState.createProperty(DESK);
    this.userLocale = deps.userState.createProperty(USER_LOCALE);
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
    // The two states, the awaited ticket and the asked rating come with the lock, and the changed
    // states go with its release: two Redis round trips a turn.
    await runLockedTurn(this.deps.lock, conversationId, this.states, context, async (start) => {
      context.turnState.set(AWAITED_TICKET, start.awaited);
      context.turnState.set(PENDING_RATING, start.rating);
      // A message goes straight to its handler: botbuilder would pass it through three chains of
      // handlers (turn, message, dialog), a dozen promises, with nothing else registered on them.
      if (context.activity.type === ActivityTypes.Message) await this.onCustomerMessage(context);
      else await super.run(context);
    });
  }

  /** botbuilder answers an invoke it has no handler for with a bare 501; for the caller it is a request we do not take. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== StatusCodes.NOT_IMPLEMENTED) return response;
    return {
      status: StatusCodes.BAD_REQUEST,
      body: { error: 'unsupported_invoke', message: `invoke "${context.activity.name ?? ''}" is not supported by this bot` },
    };
  }

  private async onCustomerMessage(context: TurnContext): Promise<void> {
    // In a Teams channel the message starts with "@Desk": the words after it are the message.
    if (context.activity.channelId === 'msteams') TurnContext.removeRecipientMention(context.activity);
    // The states' objects as the turn's lock loaded them (what this.desk and this.userLocale
    // read), without botbuilder's promise for every property read or set; read now without a lock.
    const { personState, userState } = this.deps;
    const person = (personState.get(context) ?? (await personState.load(context))) as PersonMemory;
    const user = (userState.get(context) ?? (await userState.load(context))) as UserMemory;
    const desk = (person[DESK] ??= {});
    const text = context.activity.text?.trim() ?? '';
    // Most turns are questions outside any dialog: the dialog context is built only when needed.
    const inDialog = (person[DIALOG_STATE]?.dialogStack?.length ?? 0) > 0;
    const pickedSuggestion = desk.suggested?.includes(text) ?? false;
    const suggestedFor = pickedSuggestion ? desk.suggestedFor : undefined;
    const asked = desk.asked;
    desk.suggested = desk.suggestedFor = undefined;
    desk.asked = undefined;
    // Inside a dialog the language stays put (a company name or a code says nothing about it).
    const locale =
      inDialog || pickedSuggestion
        ? (desk.locale ?? localeFromTag(context.activity.locale) ?? 'pl')
        : (detectLocale(text) ?? localeFromTag(context.activity.locale) ?? desk.locale ?? user[USER_LOCALE] ?? 'pl');
    desk.locale = locale;
    user[USER_LOCALE] = locale;
    setTurnLocale(context, locale);

    const { intents, tickets, feedback, awaiting, ratings, files } = this.deps;
    const rule = await runTurnRules({
      context,
      text,
      locale,
      kb: this.deps.kb,
      probe: this.deps.probeKb,
      contacts: this.deps.contacts,
      files: ChatFiles.carries(context.activity) ? await files.of(context) : null,
      ...intents.lazy(text),
      store: {
        scope: personScopeOf(context),
        desk,
        asked,
        inDialog,
        pickedSuggestion,
        suggestedFor,
        awaitedTicket: context.turnState.get(AWAITED_TICKET) ?? null,
        pendingRating: context.turnState.get(PENDING_RATING) ?? null,
        bot: this,
        tickets,
        feedback,
        awaiting,
        ratings,
        files,
      },
    });
    this.deps.logger.debug({ rule, conversationId: context.activity.conversation.id }, 'bot turn');
  }

  threadStatus(context: TurnContext, ticket: Ticket): Promise<void> {
    return sendStatusOf(context, this.deps.status, ticket);
  }

  async startTask(context: TurnContext, task: AdminTask): Promise<DialogTurnResult> {
    (await this.desk.get(context, {})).lastAnswer = undefined;
    return (await this.dialogContext(context)).beginDialog(AdminTaskDialog.id, task);
  }

  dialogContext(context: TurnContext): Promise<DialogContext> {
    let dc: Promise<DialogContext> | undefined = context.turnState.get(DIALOG_CONTEXT);
    if (!dc) {
      if (this.dialogMemory) context.turnState.set(DIALOG_MEMORY_KEY, this.dialogMemory);
      dc = this.dialogs.createContext(context).then((created) => {
        this.dialogMemory ??= created.state.configuration;
        return created;
      });
      context.turnState.set(DIALOG_CONTEXT, dc);
    }
    return dc;
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

  async welcome(context: TurnContext): Promise<void> {
    const locale = localeOf(context);
    await sendWithButtons(context, t(locale, 'welcome'), [t(locale, 'button.help'), t(locale, 'button.openTicket')]);
  }
}
