import type { TurnContext } from 'botbuilder';
import { ChoicePrompt, type Choice, type DialogContext, type DialogTurnResult, type PromptOptions } from 'botbuilder-dialogs';
import { DomainError, ratingIn, type MessageFiles, type Ticket } from '../../ticketing';
import type { KnowledgeAnswers } from '../knowledgeAnswers';
import { detectLocale, t, type Locale, type MessageKey } from '../i18n';
import { isCommand, textAfterTicketId, ticketIdIn } from '../commands';
import { sendWithButtons, withButtonCard, withButtons } from '../buttons';
import type { AnswerFeedback, AwaitedTickets, CustomerFiles, TicketDesk } from '../ports';
import { isTicketThread, type AdminTask } from '../dialogs/adminTaskDialog';
import { sendNonAdminGuidance } from '../dialogs/verifyAdminDialog';
import { choiceTypedIn, choiceValues } from '../dialogs/choicePrompt';
import { descriptionIn, descriptionOf } from '../dialogs/description';
import type { Intent } from '../intents/intents';
import type { Recognition } from '../intents/recognizer';
import type { SupportContacts } from '../supportContacts';
import { satisfactionAnswerOf } from '../cards/satisfactionCard';
import { feedbackIn } from '../faqFeedback';
import {
  afterThanks,
  answerSpeaksTo,
  goesOnToAsk,
  movesTheQuestion,
  opensAsFollowUp,
  questionInContext,
  speaksToTheBot,
} from '../followUp';
import { foldPhrase } from '../../common/text';
import { asksAfterTicket, asksWhoAnswers, dropsTicket, questionAnnounced, reportsProblem, withoutGreeting } from '../intents/messageShape';

/** What the bot remembers about a person's conversation between turns (besides the dialog stack). */
export interface DeskConversation {
  locale?: Locale;
  /**
   * The article of the last answer, while its "Did this help?" is open, and the question the
   * customer asked (before any suggestion they picked): a "Nie" is recorded with it.
   */
  lastAnswer?: { articleId: string; title: string; question?: string };
  /** The last question answered, which a follow-up leans on ("a w Niemczech?"). */
  lastQuestion?: string;
  /** The questions just offered as buttons: pressing one (a Polish title) keeps the chat's language. */
  suggested?: string[];
  /** The customer's question those suggestions were offered for. */
  suggestedFor?: string;
  /** The message the bot just asked about ("a ticket or a question?"), for the answer to refer to. */
  asked?: { text: string; options: Intent[] };
  /** The ticket this person was told they are writing about (said once per ticket). */
  thread?: string;
  /** Who writes in that thread when they opened it themselves (a colleague's "dodaj do SR-…"); else its requester. */
  threadAuthor?: string;
}

/** One message from the customer, as the rules see it. */
export interface Turn {
  context: TurnContext;
  text: string;
  locale: Locale;
  kb: KnowledgeAnswers;
  /** The same knowledge base, neither counted nor recorded (readings nobody is answered with); `kb` when absent. */
  probe?: KnowledgeAnswers;
  /** How else to reach support, said with every refusal. */
  contacts: SupportContacts;
  /** The intent the message states outright (a command phrasing or a button), if any. */
  stated(): Intent | null;
  /** What the message wants, by the classifier if need be; worked out on first use. */
  recognition(): Recognition;
  /** The conversation's state and the services that keep theirs in Redis; null while Redis is down. */
  store: TurnStore | null;
  /** The files the message brought (kept and refused), or null when it brought none. */
  files: MessageFiles | null;
}

export interface TurnStore {
  /** The person in this conversation (each member of a group chat has their own). */
  scope: string;
  desk: DeskConversation;
  /** The message asked about last turn (desk.asked is cleared as the turn starts). */
  asked: DeskConversation['asked'];
  inDialog: boolean;
  pickedSuggestion: boolean;
  /** When a suggestion was picked: the question it was offered for. */
  suggestedFor?: string;
  /**
   * The ticket this person's messages go to: set when they open a ticket or add to one, or when
   * an agent's reply reaches the chat; kept while it is open.
   */
  awaitedTicket: string | null;
  /** The resolved ticket this person was asked to rate (set when the resolve notice reached them), until they answer. */
  pendingRating: string | null;
  /** The bot's own steps (one object for every turn). */
  bot: DeskSteps;
  tickets: TicketDesk;
  feedback: AnswerFeedback;
  awaiting: AwaitedTickets;
  ratings: AwaitedTickets;
  files: CustomerFiles;
}

/** What the bot does for the rules, given the turn's context. */
export interface DeskSteps {
  /** The turn's dialog context, built on first use. */
  dialogContext(context: TurnContext): Promise<DialogContext>;
  startTask(context: TurnContext, task: AdminTask): Promise<DialogTurnResult>;
  /** Where the ticket of this chat's thread stands (no verification: its replies come here anyway). */
  threadStatus(context: TurnContext, ticket: Ticket): Promise<void>;
  welcome(context: TurnContext): Promise<void>;
}

/**
 * One decision the bot can take on a message. The rules are tried in order and the first that
 * applies handles the turn (a handler may return 'next' to pass it on). A rule that needs the
 * store answers "temporarily unavailable" while Redis is down, so the outage path runs the same
 * table as the normal one.
 */
export interface TurnRule {
  name: string;
  needsStore: boolean;
  applies(turn: Turn): boolean;
  handle(turn: Turn, store: TurnStore): Promise<void | 'next'>;
}

/** The intent of a message outside a dialog (inside one, a company name or a description is no command). */
const meant = (turn: Turn): Intent | null => {
  if (turn.store?.inDialog) return turn.stated();
  const r = turn.recognition();
  return 'intent' in r ? r.intent : null;
};
/** Small talk a follow-up without a question mark can sound like: "ok and the uk number", "i dostanę dokładnie 155 kanałów". */
const SMALL_TALK_LIKE_FOLLOW_UPS: ReadonlySet<Intent | null> = new Set<Intent>(['help', 'thanks', 'greeting']);
/** Requests a follow-up's words can sound like: "zgłoszeniach" in "a przy zwykłych zgłoszeniach?", "about" in "what about…?". */
const REQUESTS_LIKE_FOLLOW_UPS: ReadonlySet<Intent | null> = new Set<Intent>([
  'open_ticket',
  'talk_to_person',
  'list_tickets',
  'ticket_status',
  'add_to_ticket',
  'help',
]);
const STEP_WORDS: MessageKey[] = ['commands.yes', 'commands.no', 'commands.resend'];
const CODE = /^\s*\d{6}\s*$/;

export const TURN_RULES: readonly TurnRule[] = [
  {
    // A file goes to the ticket this person writes in, or waits for the ticket they open here;
    // the words with it (an answer, a dialog step) are then read as usual.
    name: 'files',
    needsStore: true,
    applies: (turn) => turn.files !== null,
    async handle(turn, store) {
      const files = turn.files!;
      for (const { name, reason } of files.refused) await turn.context.sendActivity(t(turn.locale, 'files.refused', { name, reason }));
      const rest = turn.text || store.inDialog ? 'next' : undefined;
      if (files.attachments.length === 0) return rest;
      const names = files.attachments.map((a) => a.name).join(', ');
      if (store.awaitedTicket && !store.inDialog && (await addToThread(turn, store, turn.text, files)) !== 'next') {
        await turn.context.sendActivity(t(turn.locale, 'files.added', { names, id: store.awaitedTicket }));
        return;
      }
      await store.files.hold(store.scope, files.attachments);
      await turn.context.sendActivity(t(turn.locale, 'files.held', { names }));
      return rest;
    },
  },
  {
    // Before cancel: "nie pomogło" answers the question, it does not stop anything. Words that
    // also rate a resolved ticket still waiting for its rating ("Super, thanks a lot") rate it;
    // a bare "Tak" or "Nie" answers this question, as it always has.
    name: 'did this help',
    needsStore: true,
    applies: (turn) =>
      !!turn.store?.desk.lastAnswer &&
      ((afterThanks(turn.text) !== undefined && !ratingAwaited(turn)) ||
        (feedbackIn(turn.text) !== undefined &&
          (isCommand(turn.text, 'commands.yes') || isCommand(turn.text, 'commands.no') || (!ratingAwaited(turn) && !asksMore(turn))))),
    async handle(turn, store) {
      // "dzięki, a ile kanałów można mieć max": the thanks says it helped; what it asks next is
      // answered by the rules below.
      const thanked = afterThanks(turn.text) !== undefined;
      const helpful = thanked || feedbackIn(turn.text)!;
      const { articleId, question } = store.desk.lastAnswer!;
      await store.feedback.record(articleId, helpful, question === undefined ? undefined : { question, locale: turn.locale });
      store.desk.lastAnswer = undefined;
      if (thanked) return 'next';
      if (helpful) await turn.context.sendActivity(t(turn.locale, 'faq.thanks'));
      else await sendWithButtons(turn.context, t(turn.locale, 'faq.sorry'), [t(turn.locale, 'button.openTicket')]);
    },
  },
  {
    name: 'cancel',
    needsStore: true,
    // In a ticket's thread only the cancel word itself leaves it: a message the classifier
    // merely reads as "stop" ("restart nie pomógł") belongs to the ticket, never dropped, and so
    // does "I don't need the ticket anymore", which the agent should read.
    applies: (turn) =>
      turn.store?.awaitedTicket && !turn.store.inDialog ? turn.stated() === 'cancel' && !dropsTicket(turn.text) : meant(turn) === 'cancel',
    async handle(turn, store) {
      // With nothing to stop, "a jak nie anuluję, to się przedłuża?" asks about cancelling something.
      if (
        !store.inDialog &&
        !store.awaitedTicket &&
        turn.stated() !== 'cancel' &&
        (turn.probe ?? turn.kb).answer(turn.text, turn.locale).answered
      )
        return 'next';
      if (store.inDialog) await (await store.bot.dialogContext(turn.context)).cancelAllDialogs();
      store.desk.lastAnswer = undefined;
      await store.awaiting.clear(store.scope);
      // Outside a dialog, "anuluj" in a ticket's thread leaves the thread.
      const left = !store.inDialog && store.awaitedTicket;
      if (left) store.desk.thread = store.desk.threadAuthor = undefined;
      await turn.context.sendActivity(
        left ? t(turn.locale, 'thread.left', { id: left }) : t(turn.locale, store.inDialog ? 'cancel.done' : 'cancel.nothing'),
      );
    },
  },
  {
    // "a przy zwykłych zgłoszeniach?", "what about emergency calls?" after an answer: a follow-up
    // whose words the classifier takes for a request (tickets, help, a person) is answered when,
    // read with the question before it, the base answers it. Only one that moves the question to
    // something else ("a mogę porozmawiać z konsultantem?", "a moje zgłoszenia?" stay requests),
    // never a command phrasing, and not where the person was asked something else.
    name: 'follow-up that sounds like a request',
    needsStore: true,
    applies: (turn) =>
      !!turn.store &&
      !turn.store.inDialog &&
      !turn.store.awaitedTicket &&
      !turn.store.asked &&
      !ratingAwaited(turn) &&
      turn.stated() === null &&
      (movesTheQuestion(turn.text)
        ? REQUESTS_LIKE_FOLLOW_UPS.has(meant(turn))
        : SMALL_TALK_LIKE_FOLLOW_UPS.has(meant(turn)) && !speaksToTheBot(turn.text)) &&
      followUpOf(turn, turn.text, !movesTheQuestion(turn.text)) !== undefined,
    handle: (turn) => answerFollowUp(turn, { loose: !movesTheQuestion(turn.text) }),
  },
  {
    // "rozmawiam z botem czy z człowiekiem?", "are you a bot?" (which the classifier hears as
    // "help"): said plainly, with the way to a person; a step under way is asked again.
    name: 'who answers',
    needsStore: false,
    applies: (turn) => asksWhoAnswers(turn.text),
    async handle(turn) {
      await sendWithButtons(turn.context, t(turn.locale, 'bot.identity'), [t(turn.locale, 'button.talkToPerson')]);
      if (turn.store?.inDialog) await (await turn.store.bot.dialogContext(turn.context)).repromptDialog();
    },
  },
  {
    name: 'help',
    needsStore: false,
    applies: (turn) => meant(turn) === 'help',
    async handle(turn) {
      if (!turn.store) return void (await turn.context.sendActivity(`${t(turn.locale, 'help')}\n\n${t(turn.locale, 'error.unavailable')}`));
      await turn.context.sendActivity(t(turn.locale, 'help'));
      if (turn.store.inDialog) await (await turn.store.bot.dialogContext(turn.context)).repromptDialog();
    },
  },
  {
    // The answer to "how would you rate our help?" after a resolve: a button of its card (even in
    // the middle of a dialog), or typed ("5", "super, dzięki") by the person who was asked.
    name: 'satisfaction',
    needsStore: true,
    applies: (turn) => satisfactionAnswerOf(turn.context.activity.value) !== null || ratingAwaited(turn),
    handle: (turn, store) => recordRating(turn, store),
  },
  {
    // A question typed while the bot waits for a button ("Czy jesteś administratorem?", a category):
    // answered when the base knows it, then the same question is put again. No "Did this help?":
    // its Tak/Nie would be read as the pending answer.
    name: 'question at a choice',
    needsStore: true,
    applies: (turn) => !!turn.store?.inDialog && turn.context.activity.value === undefined && isQuestion(turn),
    async handle(turn, store) {
      const dialogs = await store.bot.dialogContext(turn.context);
      const choices = pendingChoices(dialogs);
      const said = foldPhrase(turn.text);
      if (
        !choices ||
        choiceTypedIn(turn.text, choices) !== undefined ||
        choiceValues(choices).some((value) => said.includes(foldPhrase(value)))
      )
        return 'next';
      const found = turn.kb.answer(turn.text, detectLocale(turn.text) ?? turn.locale);
      if (!found.answered || !found.source) return 'next';
      await turn.context.sendActivity(`${found.answer}\n\n${t(turn.locale, 'faq.source', { title: found.source.title })}`);
      await dialogs.repromptDialog();
    },
  },
  {
    // A step of verification or of a ticket; with Redis down, anything that looks like one
    // (a card's button, a code, yes/no) cannot be continued.
    name: 'dialog step',
    needsStore: true,
    applies: (turn) =>
      turn.store
        ? turn.store.inDialog
        : turn.context.activity.value !== undefined || CODE.test(turn.text) || STEP_WORDS.some((key) => isCommand(turn.text, key)),
    async handle(turn, store) {
      const result = await (await store.bot.dialogContext(turn.context)).continueDialog();
      // The dialog ended on an earlier turn's button: the message is read afresh.
      if (result.status === 'empty') return 'next';
      await openThread(store, result);
    },
  },
  {
    name: 'no words',
    needsStore: false,
    applies: (turn) => !turn.text,
    async handle(turn) {
      // A card's button pressed after its dialog ended (or was cancelled).
      if (turn.context.activity.value) await turn.context.sendActivity(t(turn.locale, 'card.expired'));
    },
  },
  {
    // "Zadaję pytanie" after "a ticket or a question?": the question is the message asked about.
    name: 'it was a question',
    needsStore: true,
    applies: (turn) => !!turn.store?.asked && turn.stated() === 'question',
    handle: (turn, store) => answerQuestion(turn, store.asked!.text, false),
  },
  {
    // "mam pytanie", "hej, jest ktoś? mam pytanko", "may I ask something?": the question is still
    // to come; the base has nothing to find in it.
    name: 'a question announced',
    needsStore: false,
    applies: (turn) =>
      turn.stated() === 'question' || isCommand(withoutGreeting(turn.text), 'commands.question') || questionAnnounced(turn.text) === '',
    async handle(turn) {
      await turn.context.sendActivity(t(turn.locale, 'question.goAhead'));
    },
  },
  {
    name: 'not an administrator',
    needsStore: false,
    applies: (turn) => isCommand(turn.text, 'commands.notAdmin'),
    handle: (turn) => sendNonAdminGuidance(turn.context, turn.contacts),
  },
  {
    name: 'ticket status',
    needsStore: true,
    applies: (turn) => turn.stated() === 'ticket_status' && ticketIdIn(turn.text) !== null,
    handle: (turn, store) => runTask(turn, store, { task: 'status', ticketId: ticketIdIn(turn.text)! }),
  },
  {
    // "dodaj do SR-… <message>" from any conversation, in a thread or not.
    name: 'add to a named ticket',
    needsStore: true,
    applies: (turn) => turn.stated() === 'add_to_ticket' && ticketIdIn(turn.text) !== null,
    handle: (turn, store) => runTask(turn, store, { task: 'add', ticketId: ticketIdIn(turn.text)!, text: textAfterTicketId(turn.text) }),
  },
  {
    name: 'my tickets',
    needsStore: true,
    applies: (turn) => turn.stated() === 'list_tickets',
    handle: (turn, store) => runTask(turn, store, { task: 'list' }),
  },
  {
    name: 'open a ticket',
    needsStore: true,
    applies: (turn) => turn.stated() === 'open_ticket' || turn.stated() === 'talk_to_person',
    // After "a ticket or a question?", the message asked about may describe the problem.
    handle: (turn, store) => runTask(turn, store, { task: 'open', described: descriptionIn(store.asked?.text) }),
  },
  {
    // "problem z licencją office" -> "a ticket or a question?" -> "pisze, że produkt nie jest
    // licencjonowany…": more of the problem, not a question, is the ticket, described by both.
    name: 'more of the problem after "a ticket or a question?"',
    needsStore: true,
    applies: (turn) =>
      !!turn.store?.asked?.options.includes('open_ticket') &&
      turn.store.asked.options.includes('question') &&
      turn.stated() === null &&
      reportsProblem(turn.text),
    handle: (turn, store) => runTask(turn, store, { task: 'open', described: descriptionOf([store.asked!.text, turn.text]) }),
  },
  {
    name: 'greeting',
    needsStore: false,
    applies: (turn) => turn.stated() === 'greeting',
    handle: (turn) => greet(turn),
  },
  {
    // "Dodaj do zgłoszenia" after "a message for the ticket or a question?": the message asked about.
    name: 'it was for the ticket',
    needsStore: true,
    applies: (turn) => !!turn.store?.asked && !!turn.store.awaitedTicket && turn.stated() === 'add_to_ticket',
    async handle(turn, store) {
      const added = await addToThread(turn, store, store.asked!.text);
      if (added === 'next') return 'next';
      // A button pressed gets an answer, even where a typed message goes quietly.
      if (!added.joined) await turn.context.sendActivity(t(turn.locale, 'thread.added', { id: added.ticket.id }));
    },
  },
  {
    // Once a ticket is opened or added to here, or an agent's reply reached this chat, the
    // customer's messages go to that ticket (the bot said so) until it is resolved or closed or
    // they leave with "anuluj"; a question the knowledge base can answer is asked about, a
    // question about the ticket's status is answered too, and a plain "dziękuję" is answered.
    // A waiting_on_customer ticket goes back to in_progress.
    name: 'message to the open ticket',
    needsStore: true,
    applies: (turn) => !!turn.store?.awaitedTicket,
    async handle(turn, store) {
      if (turn.stated() === 'thanks' || !(await threadStillOpen(store))) return 'next';
      const r = turn.recognition();
      if ('intent' in r && r.intent === 'question' && turn.kb.answer(turn.text).answered) {
        store.desk.asked = { text: turn.text, options: ['add_to_ticket', 'question'] };
        await sendWithButtons(turn.context, t(turn.locale, 'thread.messageOrQuestion', { id: store.awaitedTicket! }), [
          t(turn.locale, 'button.addToTicket'),
          t(turn.locale, 'button.question'),
        ]);
        return;
      }
      const added = await addToThread(turn, store, turn.text);
      if (added === 'next') return 'next';
      // Coming back to a quiet thread ("hello? it's been two days", or more for the agent), the
      // customer is told the message reached the ticket, and where the ticket stands.
      if (added.afterPause) await turn.context.sendActivity(t(turn.locale, 'thread.addedAfterPause', { id: added.ticket.id }));
      // "Jaki jest status mojego zgłoszenia?", "kiedy ktoś się odezwie?", "dalej cisza" (the
      // classifier unsure whether it asks about a ticket): the agent sees it, and the customer
      // sees where the ticket stands and when an answer is due.
      const asksStatus = 'intent' in r ? r.intent === 'ticket_status' : r.ask.includes('ticket_status');
      if (added.afterPause || asksStatus || asksAfterTicket(turn.text)) await store.bot.threadStatus(turn.context, added.ticket);
    },
  },
  {
    // "a jak nie mam konta?" after an answer: the classifier hesitates over a fragment that the
    // question before it makes plain; answered when, read with that question, the base answers it,
    // or else when the base answers it alone ("a na alarmowy zadzwonię?" asks about a new thing).
    name: 'follow-up',
    needsStore: true,
    applies: (turn) => !turn.store?.inDialog && 'ask' in turn.recognition() && followUpOf(turn, turn.text, true) !== undefined,
    handle: (turn) => answerFollowUp(turn, { orAlone: true, loose: true }),
  },
  {
    name: 'unsure: ask',
    needsStore: false,
    applies: (turn) => 'ask' in turn.recognition(),
    async handle(turn) {
      const r = turn.recognition();
      if (!('ask' in r)) return 'next';
      // Nowhere to keep the answer: the knowledge base is what still works.
      if (!turn.store) return r.ask.includes('question') ? answerQuestion(turn, turn.text, false) : unavailable(turn);
      // "Anuluj" offered when nothing is under way ("onedrive zjada mi miejsce" -> [Załóż
      // zgłoszenie] [Anuluj]) is no choice: the question is offered in its place.
      const idle = !turn.store.inDialog && !turn.store.awaitedTicket && !turn.store.desk.asked;
      const options = [...new Set(idle ? r.ask.map((intent) => (intent === 'cancel' ? 'question' : intent)) : r.ask)];
      if (options.length === 1) return answerQuestion(turn, turn.text, false);
      turn.store.desk.asked = { text: turn.text, options };
      const ticketOrQuestion = options.includes('question') && options.some((i) => i === 'open_ticket' || i === 'talk_to_person');
      await sendWithButtons(
        turn.context,
        t(turn.locale, ticketOrQuestion ? 'clarify.ticketOrQuestion' : 'clarify.which'),
        options.map((intent) => t(turn.locale, BUTTONS[intent])),
      );
    },
  },
  {
    name: 'ticket work',
    needsStore: true,
    applies: (turn) => {
      const intent = meant(turn);
      return (
        intent === 'open_ticket' ||
        intent === 'talk_to_person' ||
        intent === 'list_tickets' ||
        intent === 'ticket_status' ||
        intent === 'add_to_ticket'
      );
    },
    async handle(turn, store) {
      const intent = meant(turn);
      const ticketId = ticketIdIn(turn.text);
      if (intent === 'ticket_status' && ticketId) return runTask(turn, store, { task: 'status', ticketId });
      if (intent === 'add_to_ticket' && ticketId)
        return runTask(turn, store, { task: 'add', ticketId, text: textAfterTicketId(turn.text) });
      if (intent === 'ticket_status' || intent === 'list_tickets' || intent === 'add_to_ticket')
        return runTask(turn, store, { task: 'list' });
      return runTask(turn, store, { task: 'open', described: descriptionIn(turn.text) });
    },
  },
  {
    name: 'greeting (in other words)',
    needsStore: false,
    applies: (turn) => meant(turn) === 'greeting',
    handle: (turn) => greet(turn),
  },
  {
    name: 'thanks',
    needsStore: false,
    applies: (turn) => meant(turn) === 'thanks',
    async handle(turn) {
      const asked = afterThanks(turn.text);
      if (asked) return answerQuestion(turn, asked, false);
      await turn.context.sendActivity(t(turn.locale, 'thanks.reply'));
    },
  },
  {
    name: 'question',
    needsStore: false,
    applies: () => true,
    // Put to the base without a "thanks" before it or the words that announce it ("chciałbym zapytać o…").
    handle: (turn) =>
      answerQuestion(turn, afterThanks(turn.text) ?? (questionAnnounced(turn.text) || turn.text), turn.store?.pickedSuggestion ?? false),
  },
];

/** The button that says each intent (its title is one of the intent's command phrasings). */
export const BUTTONS: Record<Intent, MessageKey> = {
  question: 'button.question',
  open_ticket: 'button.openTicket',
  add_to_ticket: 'button.addToTicket',
  ticket_status: 'button.ticketStatus',
  list_tickets: 'button.myTickets',
  talk_to_person: 'button.talkToPerson',
  cancel: 'button.cancel',
  help: 'button.help',
  thanks: 'button.thanks',
  greeting: 'button.greeting',
};

/** Runs the first rule that applies; rules that need Redis say it is unavailable while it is down. */
export async function runTurnRules(turn: Turn, rules: readonly TurnRule[] = TURN_RULES): Promise<string | null> {
  for (const rule of rules) {
    if (!rule.applies(turn)) continue;
    if (rule.needsStore && !turn.store) {
      await unavailable(turn);
      return rule.name;
    }
    if ((await rule.handle(turn, turn.store!)) !== 'next') return rule.name;
  }
  return null;
}

async function unavailable(turn: Turn): Promise<void> {
  await turn.context.sendActivity(turn.contacts.refusal(turn.locale, t(turn.locale, 'error.unavailable')));
}

async function greet(turn: Turn): Promise<void> {
  if (turn.store) return turn.store.bot.welcome(turn.context);
  await turn.context.sendActivity(`${t(turn.locale, 'welcome')}\n\n${t(turn.locale, 'error.unavailable')}`);
}

/**
 * A question for the knowledge base: an answer with its source, suggestions, or a way on.
 * `readInContextFound` is the question read with the one before it, when a follow-up's rule found it.
 */
async function answerQuestion(turn: Turn, question: string, pickedSuggestion: boolean, readInContextFound?: string): Promise<void> {
  const { context, locale, store } = turn;
  let asking = pickedSuggestion ? locale : (detectLocale(question) ?? locale);
  // The question a follow-up leans on stays the one asked in full: "a w Czechach?" after
  // "a w Niemczech?" is read with it, not with both.
  let leanedOn = question;
  const inContext = readInContextFound ?? (pickedSuggestion ? undefined : readInContext(turn, question, true));
  if (inContext) {
    asking = followUpLocale(turn, question);
    leanedOn = store!.desk.lastQuestion!;
    question = inContext;
  }
  // Asked once of the counted and recorded base: what the person is answered with.
  const found = turn.kb.answer(question, asking);
  if (store) store.desk.lastAnswer = undefined;
  if (found.answered && found.source) {
    const related = found.related.map((s) => s.question);
    const answer = `${found.answer}\n\n${t(locale, 'faq.source', { title: found.source.title })}`;
    const reply = withButtonCard(context, answer, t(locale, 'faq.related'), related);
    // No "Did this help?" while Redis is down: the feedback would have nowhere to be kept.
    if (!store) return void (await context.sendActivity(reply));
    // A picked suggestion settles the question it was offered for: the learning loop keeps both.
    // It is recorded once the answer is out (a failure to record it must not take the answer
    // away); otherwise the answer goes out with "Did this help?", in one send.
    const asked = pickedSuggestion && store.suggestedFor !== undefined ? store.suggestedFor : question;
    const unsent = asked === question ? [reply] : [];
    if (asked !== question) {
      await context.sendActivity(reply);
      await store.feedback.chose(found.source.articleId, { question: asked, locale });
    }
    store.desk.lastAnswer = { ...found.source, question: asked };
    store.desk.lastQuestion = leanedOn;
    // A related article picked next is a suggestion picked for the same question.
    if (related.length > 0) {
      store.desk.suggested = related;
      store.desk.suggestedFor = asked;
    }
    await context.sendActivities([
      ...unsent,
      withButtons(context, t(locale, 'faq.helped'), [t(locale, 'choice.yes'), t(locale, 'choice.no')]),
    ]);
    return;
  }
  if (found.suggestions.length > 0) {
    // Every suggestion the engine offers is a button (the engine keeps them few, see SUGGESTIONS).
    const suggested = found.suggestions.map((s) => s.question);
    if (store) {
      store.desk.suggested = suggested;
      store.desk.suggestedFor = question;
    }
    // Both services answer the question: the base's own question says which two the buttons are.
    await sendWithButtons(context, found.asksScope ? found.answer : t(locale, 'faq.suggestions'), suggested);
    return;
  }
  if (!store) return unavailable(turn);
  await sendWithButtons(context, t(locale, 'faq.noAnswer'), [t(locale, 'button.openTicket')]);
}

/** Answers a follow-up when it reads in context ('next' otherwise: the rules after decide). */
function answerFollowUp(turn: Turn, { orAlone = false, loose = false } = {}): Promise<void | 'next'> {
  const inContext = readInContext(turn, turn.text, loose);
  if (inContext) return answerQuestion(turn, turn.text, false, inContext);
  const alone = orAlone && (turn.probe ?? turn.kb).answer(turn.text, followUpLocale(turn, turn.text)).answered;
  return alone ? answerQuestion(turn, turn.text, false) : Promise.resolve('next');
}

/**
 * Whether a message that reads as "yes" or "no" to "Did this help?" goes on to ask something the
 * base answers, alone or read with the question before ("ok, and the UK number", "tak, a ile to
 * trwa"): the question is answered, not taken for feedback. Finding the answer just given again
 * counts only for a message opened as a follow-up ("ok and for Australia", on the same page).
 * A message that asks nothing ("Bardzo pomocne, dziękuję") is feedback, whatever the base finds.
 */
function asksMore(turn: Turn): boolean {
  if (!goesOnToAsk(turn.text)) return false;
  const reading = readInContext(turn, turn.text, true);
  const found = (turn.probe ?? turn.kb).answer(reading ?? turn.text, followUpLocale(turn, turn.text));
  // The answer just given, found again, is what "thanks, that's what I needed" speaks of.
  return found.answered && (found.source?.articleId !== turn.store?.desk.lastAnswer?.articleId || opensAsFollowUp(turn.text));
}

/** The message read with the last question answered, when it is a follow-up of it (see questionInContext for `loose`). */
function followUpOf(turn: Turn, text = turn.text, loose = false): string | undefined {
  return questionInContext(text, turn.store?.desk.lastQuestion, { loose });
}

/**
 * "a w Niemczech?" after an answer: the follow-up read with the question before it, when the base
 * answers that reading, the answer speaks to what the follow-up adds, and it reads better than the
 * follow-up alone; otherwise undefined. Tried on the probe base, so neither reading is counted
 * or recorded as a customer's question.
 */
function readInContext(turn: Turn, followUp: string, loose = false): string | undefined {
  const inContext = followUpOf(turn, followUp, loose);
  if (!inContext) return undefined;
  const locale = followUpLocale(turn, followUp);
  const kb = turn.probe ?? turn.kb;
  const read = kb.answer(inContext, locale);
  if (!read.answered || !answerSpeaksTo(followUp, `${read.source?.title ?? ''} ${read.answer}`)) return undefined;
  const alone = kb.answer(followUp, locale);
  // Taken loosely (longer, or only pointing back), it must be a message the base cannot answer alone.
  const strict = !loose || followUpOf(turn, followUp) !== undefined;
  return !alone.answered || (strict && read.confidence > alone.confidence) ? inContext : undefined;
}

/**
 * The language a follow-up asks in: its own, or when it is too short to tell ("what about
 * Australia?" from a Polish client) that of the question it goes on from.
 */
function followUpLocale(turn: Turn, followUp: string): Locale {
  return detectLocale(followUp) ?? detectLocale(turn.store?.desk.lastQuestion ?? '') ?? turn.locale;
}

/** Whether the classifier reads the message as a question (never a command phrasing or a button). */
function isQuestion(turn: Turn): boolean {
  if (turn.stated() !== null) return false;
  const r = turn.recognition();
  return 'intent' in r && r.intent === 'question';
}

/** The choices of the button prompt the innermost dialog waits on, or null when it waits for words. */
function pendingChoices(dialogs: DialogContext): (string | Choice)[] | null {
  let inner = dialogs;
  while (inner.child) inner = inner.child;
  const active = inner.activeDialog;
  if (!active || !(inner.findDialog(active.id) instanceof ChoicePrompt)) return null;
  const options = (active.state as { options?: PromptOptions }).options;
  return options?.choices ?? [];
}

/** Starts an administrator's task; one that ends at once (already verified) may open a thread. */
async function runTask(turn: Turn, store: TurnStore, task: AdminTask): Promise<void> {
  await openThread(store, await store.bot.startTask(turn.context, task));
}

/**
 * A task that ended with a ticket (created, or added to) opens its thread: this person's next
 * messages go to it. The task's last message told them so.
 */
async function openThread(store: TurnStore, result: DialogTurnResult): Promise<void> {
  if (result.status !== 'complete' || !isTicketThread(result.result)) return;
  const { ticketId, adminId } = result.result;
  await store.awaiting.set(store.scope, ticketId);
  store.desk.thread = ticketId;
  store.desk.threadAuthor = adminId;
}

/** The thread's ticket while it takes messages; a resolved or closed one ends the thread. */
async function threadStillOpen(store: TurnStore): Promise<Ticket | null> {
  const ticket = await store.tickets.get(store.awaitedTicket!);
  if (ticket && ticket.status !== 'resolved' && ticket.status !== 'closed') return ticket;
  await store.awaiting.clear(store.scope);
  store.desk.thread = store.desk.threadAuthor = undefined;
  return null;
}

/** How long a ticket's thread stays quiet before a message to it is acknowledged with the ticket's status. */
const THREAD_QUIET_MS = 30 * 60_000;

/** A message added to the thread's ticket: the ticket as it is now, and how the customer was told. */
interface ThreadMessage {
  ticket: Ticket;
  /** The first message here: the customer was told that the agent sees every message. */
  joined: boolean;
  /** It came after the ticket's thread had been quiet for a while (the caller acknowledges it). */
  afterPause: boolean;
}

/**
 * Adds a message to the thread's ticket. The first time it says that the agent sees every message;
 * later ones go quietly while the conversation is live.
 */
async function addToThread(turn: Turn, store: TurnStore, text: string, files?: MessageFiles): Promise<ThreadMessage | 'next'> {
  const open = await threadStillOpen(store);
  if (!open) return 'next';
  const ticketId = open.id;
  // Awaited per person: the writer is the administrator who opened the thread, or the ticket's requester.
  const author = store.desk.thread === ticketId ? (store.desk.threadAuthor ?? open.adminId) : open.adminId;
  const ticket = await store.tickets.customerMessage(ticketId, author, text, files);
  if (store.desk.thread === ticketId) {
    // Both times are the desk's (its messages' own), whatever this instance's clock says.
    const [before, added] = [ticket.messages.at(-2)?.at ?? ticket.createdAt, ticket.messages.at(-1)!.at];
    return { ticket, joined: false, afterPause: Date.parse(added) - Date.parse(before) >= THREAD_QUIET_MS };
  }
  store.desk.thread = ticketId;
  store.desk.threadAuthor = author;
  await turn.context.sendActivity(
    `${t(turn.locale, 'reply.added', { id: ticketId })}\n\n${t(turn.locale, 'thread.joined', { id: ticketId })}`,
  );
  return { ticket, joined: true, afterPause: false };
}

/** A typed rating ("5", "super, dzięki") from the person asked to rate a resolved ticket, outside a dialog. */
function ratingAwaited(turn: Turn): boolean {
  return !!turn.store?.pendingRating && !turn.store.inDialog && ratingIn(turn.text) !== null;
}

/** Records the customer's rating of the ticket they were asked about; a button of another ticket's card only says so. */
async function recordRating(turn: Turn, store: TurnStore): Promise<void> {
  const pressed = satisfactionAnswerOf(turn.context.activity.value);
  const answer = pressed ? { rating: Number(pressed.rating), comment: pressed.comment?.trim() || undefined } : ratingIn(turn.text)!;
  const id = pressed?.satisfaction ?? store.pendingRating!;
  const say = (key: MessageKey) => turn.context.sendActivity(t(turn.locale, key, { id, rating: answer.rating }));
  const ticket = await store.tickets.get(id);
  // Only the person the question was put to answers it: in a group chat a colleague's press is not theirs.
  if (!ticket || id !== store.pendingRating)
    return void (await say(ticket?.satisfaction ? 'satisfaction.already' : 'satisfaction.notAsked'));
  try {
    await store.tickets.rate(id, ticket.adminId, answer.rating, answer.comment);
  } catch (err) {
    const answered = RATING_REFUSALS[(err as DomainError).code];
    if (!(err instanceof DomainError) || !answered) throw err;
    if (err.code !== 'invalid_rating') await store.ratings.clear(store.scope);
    return void (await say(answered));
  }
  await store.ratings.clear(store.scope);
  await say(answer.comment ? 'satisfaction.thanksComment' : 'satisfaction.thanks');
}

/** What the customer is told when the desk refuses their rating. */
const RATING_REFUSALS: Partial<Record<DomainError['code'], MessageKey>> = {
  already_rated: 'satisfaction.already',
  ticket_not_resolved: 'satisfaction.reopened',
  invalid_rating: 'satisfaction.typed',
};
