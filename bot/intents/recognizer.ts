import type { KnowledgeAnswers } from '../knowledgeAnswers';
import { isCommand, ticketIdIn } from '../commands';
import type { MessageKey } from '../i18n';
import { IntentClassifier, type IntentExample, type IntentScores } from './classifier';
import { isIntent, TICKET_ACTIONS, type Intent } from './intents';
import examples from './intent-examples.json';
import {
  addsToTicket,
  asksForHuman,
  asksForList,
  asksNewsAlone,
  asksProgress,
  asksProgressOfTicket,
  callsOff,
  correctsTicket,
  dropsTicket,
  mentionsTickets,
  namesOwnTicket,
  onlyGreeting,
  questionAnnounced,
  readsAsQuestion,
  reportsProblem,
  requestsTicketWork,
  withoutGreeting,
} from './messageShape';
import { LruCache } from '../../common/lruCache';

/** What the bot makes of a message: one intent, or a question back with the two it hesitates between. */
export type Recognition = { intent: Intent; fastPath: boolean } | { ask: [Intent, Intent] };

/** The catalogue's command phrasings (and the buttons, which send them) mean their intent outright. */
const COMMANDS: [MessageKey, Intent][] = [
  ['commands.cancel', 'cancel'],
  ['commands.help', 'help'],
  ['commands.myTickets', 'list_tickets'],
  ['commands.human', 'talk_to_person'],
  ['commands.openTicket', 'open_ticket'],
  ['commands.question', 'question'],
  ['commands.addToTicket', 'add_to_ticket'],
  ['commands.ticketStatus', 'ticket_status'],
  ['commands.greeting', 'greeting'],
  ['commands.thanks', 'thanks'],
];

/** "status SR-…", "SR-…" alone, "dodaj do SR-…", "uzupełnij SR-… o…": a ticket id with the command word for it. */
const STATUS_WORDS = /^\s*(status|stan|check|sprawd[zź])\b/i;
const ADD_WORDS = /^\s*(?:(?:please|pls|plz|prosz[eę])[\s,]+)?(dodaj|dopisz|uzupe[lł]nij|do[lł][aą]cz|za[lł][aą]cz|add|append|attach)\b/i;
/** "Update SR-…: it now fails for everyone" adds to the ticket; "update on SR-…?" asks how it is going. */
const UPDATE_WORD = /^\s*(?:(?:please|pls|plz)[\s,]+)?update\b/i;

/** Below this the classifier's best guess is a guess: the bot asks. */
const SURE = 0.55;
/** A ticket action with this much "question" in it is asked about... */
const QUESTION_DOUBT = 0.2;
/** ...and with even this little when the knowledge base has an answer (or a close entry) for it. */
const ANSWERABLE_DOUBT = 0.003;
/**
 * Ticket work people usually ask for with a question ("co z moim zgłoszeniem?"); any other
 * ticket action put as a question ("who may open a ticket?") may be a question about it: the bot asks.
 */
const ASKED_AS_QUESTIONS: ReadonlySet<Intent> = new Set(['ticket_status', 'list_tickets']);
/** Intents that ask nothing: never offered for a message that reads as a question. */
const SMALL_TALK: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'cancel']);
/**
 * What a statement the classifier is unsure of is offered besides ticket work and never means: a
 * hello, thanks or "what can you do" are said outright. "Cancel" is not among them: "Please
 * abort this." is a statement.
 */
const IDLE: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'help']);
/** How likely ticket work asked for outright must still be when the classifier hears a question first. */
const REQUEST_SECOND = 0.3;
/** The knowledge base's confidence in its best entry from which the message may be that entry's question. */
const KNOWLEDGE_CLOSE = 0.4;
/** The knowledge base's confidence from which a status or list that names no ticket is a question. */
const KNOWLEDGE_LIKELY = 0.7;
/** The knowledge base's confidence from which an unsure reading of a question is that question. */
const KNOWLEDGE_SURE = 0.9;
/** Readings kept for messages that come back, and the longest message kept. */
const RECOGNIZED_KEPT = 2_000;
const LONGEST_KEPT = 300;

/**
 * Recognises what a message wants: the command phrasings first (exact, instant), then a
 * classifier trained on our phrasings. A question must never be taken for ticket work: when
 * the classifier leans to a ticket action but the knowledge base has an answer and the message
 * reads partly as a question, or when the classifier is unsure, the bot asks instead.
 */
export class IntentRecognizer {
  private readonly classifier: IntentClassifier;
  /** Readings of messages that come back (questions asked all day, the buttons' titles). */
  private readonly recognized = new LruCache<string, Recognition>(RECOGNIZED_KEPT);

  constructor(
    private readonly kb: KnowledgeAnswers,
    training: readonly IntentExample[] = trainingExamples(),
  ) {
    this.classifier = new IntentClassifier(training);
  }

  recognize(text: string): Recognition {
    const kept = this.recognized.get(text);
    if (kept) return kept;
    let found: { answered: boolean; confidence: number } | undefined;
    const recognition = this.read(text, () => (found ??= this.kb.answer(text)));
    // A reading that asked the knowledge base is worked out afresh each time: the base changes
    // with the agents' edits (and each question put to it is counted).
    if (!found && text.length <= LONGEST_KEPT) this.recognized.set(text, recognition);
    return recognition;
  }

  /** What the message wants; `knowledge` is what the knowledge base finds for it (asked once, when needed). */
  private read(text: string, knowledge: () => { answered: boolean; confidence: number }): Recognition {
    // The base has it: an answer, or an entry close to it.
    const knowledgeCovers = () => knowledge().answered || knowledge().confidence >= KNOWLEDGE_CLOSE;
    // The base answers it with at least this confidence.
    const knowledgeAnswers = (confidence = KNOWLEDGE_SURE) => knowledge().answered && knowledge().confidence >= confidence;
    const fast = statedIntent(text);
    if (fast) return { intent: fast, fastPath: true };
    // "Helo!", "hejka": nothing but a greeting, whatever word it is one typo away from.
    if (onlyGreeting(text)) return { intent: 'greeting', fastPath: false };
    // "witam, chciałbym zapytać o skype", "quick q - what's the US support number?", "mam pytanie -
    // jaki poziom ważności dostanie zgłoszenie, gdy…": a question, whatever the classifier hears in
    // the hello or the topic, unless what is asked is about the person's own tickets, for a
    // person or for ticket work, or tells a problem.
    const announced = questionAnnounced(text);
    if (announced !== undefined && !aboutTheirTicketsOrProblem(announced)) return { intent: 'question', fastPath: false };
    // "dobra, nieważne" (the classifier hears "dobra" as a hello), "nvm, scrap that" and "I don't
    // need the ticket after all" (it hears a ticket) are said to stop.
    if (callsOff(text) || dropsTicket(text)) return { intent: 'cancel', fastPath: false };
    // A detail of a ticket put right ("w zgłoszeniu jest zły adres, popraw na…") or more given for
    // it ("update my ticket: …") is more for that ticket; the classifier hears "zgłoszenie",
    // "podałem" and opens a new one.
    if ((correctsTicket(text) || addsToTicket(text)) && !readsAsQuestion(text)) return { intent: 'add_to_ticket', fastPath: false };
    const { top, second } = this.classified(text);
    const questionP = top.intent === 'question' ? top.p : second.intent === 'question' ? second.p : 0;
    const unsure = top.p < SURE;
    const ticketWork = TICKET_ACTIONS.has(top.intent) || TICKET_ACTIONS.has(second.intent);
    // A question the knowledge base answers surely is that question when the classifier only
    // guesses at ticket work: "do ilu krajów mogę dzwonić (z planem połączeń)?" is no wish to talk
    // to a person nor to add to a ticket. Not when the guess is a ticket's status or list, which
    // people ask for as questions.
    const aboutTickets = ASKED_AS_QUESTIONS.has(top.intent) || ASKED_AS_QUESTIONS.has(second.intent);
    // A person asked for as opposed to the bot ("a real person", "żywej osoby, nie bota") is a
    // hand-over, whatever else the classifier hears, unless it is a question the base surely answers.
    if (asksForHuman(text) && !(readsAsQuestion(text) && knowledgeAnswers())) return { intent: 'talk_to_person', fastPath: false };
    // A ticket's status or list that names no ticket, over a question the knowledge base has
    // ("co się stanie z pieniędzmi, jeśli zmniejszę liczbę kanałów?"), is that question.
    if (ASKED_AS_QUESTIONS.has(top.intent) && !mentionsTickets(text) && readsAsQuestion(text) && knowledgeAnswers(KNOWLEDGE_LIKELY))
      return { intent: 'question', fastPath: false };
    // "Jakie ja mam w ogóle zgłoszenia?", "what've I got open?": their tickets, not what the desk can do.
    if (asksForList(text)) return { intent: 'list_tickets', fastPath: false };
    // Progress on something the customer reported is about their ticket, whatever its problem's
    // words make the classifier think: its status when they name the ticket ("any update on the
    // ticket I opened?"). Reported alone, or a bare "any news?", may still be a question, so the
    // bot asks (in a ticket's thread, where the ticket is known, it answers both).
    if (asksProgressOfTicket(text)) return { intent: 'ticket_status', fastPath: false };
    if (top.intent !== 'ticket_status' && (asksProgress(text) || asksNewsAlone(text))) return { ask: ['ticket_status', 'question'] };
    if (unsure && ticketWork && !aboutTickets && readsAsQuestion(text) && knowledgeAnswers())
      return { intent: 'question', fastPath: false };
    // A problem stated ("teams się wiesza", "konto zablokowane", "calendar invites not arriving")
    // that the classifier reads as no sure question and no clear ticket work (a few words made it
    // hear "cancel", "thanks", "help"): taken to an agent when the base has nothing on it, else
    // asked. Two kinds of ticket work both heard are left to the question back between them; a
    // ticket's status or the list is no reading of a problem that names no ticket.
    // Nor is adding to a ticket when no ticket is spoken of: "nie mogę dodać gościa do zespołu" is a problem.
    const newWork = (intent: Intent) =>
      TICKET_ACTIONS.has(intent) && !ASKED_AS_QUESTIONS.has(intent) && !(intent === 'add_to_ticket' && !mentionsTickets(text));
    const ticketWorkHeard = newWork(top.intent) && (!unsure || newWork(second.intent));
    if (reportsProblem(text) && !(top.intent === 'question' && !unsure) && !ticketWorkHeard)
      return knowledgeCovers() ? { ask: ['open_ticket', 'question'] } : { intent: 'open_ticket', fastPath: false };
    // Ticket work asked for outright, not put as a question ("Please create a severity A ticket.
    // Nobody can join meetings", "…, proszę o zgłoszenie krytyczne"), is that work even when the
    // base has an article on the problem it describes (the grades' own examples are in it).
    // The classifier must lean to that work: first, or a close second to a question.
    const asked = TICKET_ACTIONS.has(top.intent)
      ? top.intent
      : top.intent === 'question' && TICKET_ACTIONS.has(second.intent) && second.p >= REQUEST_SECOND
        ? second.intent
        : undefined;
    if (asked && requestsTicketWork(text) && !readsAsQuestion(text)) return { intent: asked, fastPath: false };
    // Ticket work the desk is asked to do ("can you raise a case for me?", "zgłaszam awarię") is
    // no question about it, unless the knowledge base surely answers the message.
    if (TICKET_ACTIONS.has(top.intent) && !unsure && requestsTicketWork(text) && !knowledgeAnswers())
      return { intent: top.intent, fastPath: false };
    // ...and one read as a question, the problem's words outweighing the request, is asked about.
    if (top.intent === 'question' && TICKET_ACTIONS.has(second.intent) && requestsTicketWork(text))
      return { ask: [second.intent, 'question'] };
    if (
      TICKET_ACTIONS.has(top.intent) &&
      (questionP >= QUESTION_DOUBT ||
        (ASKED_AS_QUESTIONS.has(top.intent) ? false : readsAsQuestion(text)) ||
        (questionP >= ANSWERABLE_DOUBT && knowledgeCovers()))
    ) {
      return { ask: [top.intent, 'question'] };
    }
    if (unsure) {
      // Only a doubt about ticket work is worth a question back; otherwise the knowledge base
      // gets the message (an answer, suggestions, or "nothing found" with a ticket button).
      if (ticketWork) {
        const asking = readsAsQuestion(text);
        // A question is no hello, thanks or "stop" ("is that usable from Kenya?" after an answer):
        // the question is offered in their place.
        if (asking && SMALL_TALK.has(top.intent)) return { ask: [second.intent, 'question'] };
        // A statement ("onedrive zjada mi miejsce", "wiadomości trafiają do spamu") offered with a
        // hello, thanks or "help" beside ticket work: the work or a question (still a question back,
        // which after an answer may be read as a follow-up: "ok and is that billed monthly").
        if (!asking && (IDLE.has(top.intent) || IDLE.has(second.intent)))
          return { ask: [TICKET_ACTIONS.has(top.intent) ? top.intent : second.intent, 'question'] };
        // Two kinds of ticket work offered for a question the knowledge base has an answer to
        // would leave the customer no way to it: the question is offered in place of the second.
        const answerable = TICKET_ACTIONS.has(top.intent) && TICKET_ACTIONS.has(second.intent) && asking && knowledgeCovers();
        return { ask: [top.intent, answerable || (asking && SMALL_TALK.has(second.intent)) ? 'question' : second.intent] };
      }
      return { intent: 'question', fastPath: false };
    }
    return { intent: top.intent, fastPath: false };
  }

  /**
   * The classifier's reading of the message; a greeting before a request is read without it
   * ("Witam, w sprawie SR-… chcę dopisać…"), and so is one before a question ("Hej, mam dwa
   * abonamenty, który zużywa się pierwszy?": the hello must not outweigh it), unless what follows
   * it is no clear request ("Witam, jestem tu nowa." stays a greeting, so does "hej, jak się masz?").
   * A problem stated after it is no greeting, however unsure the classifier is of the problem ("Good
   * morning. Urgent: email outage.", "hej, outlook mi świruje" got the greeting and nothing else).
   */
  private classified(text: string): IntentScores {
    const rest = withoutGreeting(text);
    if (rest === text) return this.classifier.classify(text);
    const request = this.classifier.classify(rest);
    if (request.top.p >= SURE || (readsAsQuestion(rest) && request.top.intent === 'question')) return request;
    const whole = this.classifier.classify(text);
    return whole.top.intent === 'greeting' && reportsProblem(rest) ? request : whole;
  }

  /** Both readings of one message, each worked out on first use (a turn often needs neither). */
  lazy(text: string): { stated(): Intent | null; recognition(): Recognition } {
    let stated: Intent | null | undefined;
    let recognition: Recognition | undefined;
    return {
      stated: () => (stated === undefined ? (stated = statedIntent(text)) : stated),
      recognition: () => (recognition ??= this.recognize(text)),
    };
  }
}

/** The intent a message states outright: a command phrasing, a button's title, a ticket id with its verb. */
export function statedIntent(text: string): Intent | null {
  const id = ticketIdIn(text);
  if (id) {
    if (text.trim().toUpperCase() === id || STATUS_WORDS.test(text)) return 'ticket_status';
    if (ADD_WORDS.test(text) || (UPDATE_WORD.test(text) && !text.includes('?'))) return 'add_to_ticket';
  }
  // "nvm, scrap that" and "I don't need the ticket after all" are said as "anuluj" is, and must
  // stop a prompt rather than answer it ("Are you an administrator?" is no question of a ticket wanted).
  return COMMANDS.find(([key]) => isCommand(text, key))?.[1] ?? (callsOff(text, true) || dropsTicket(text) ? 'cancel' : null);
}

function trainingExamples(): IntentExample[] {
  return Object.entries(examples).flatMap(([intent, texts]) =>
    isIntent(intent) && Array.isArray(texts) ? texts.map((text) => ({ text, intent })) : [],
  );
}

function aboutTheirTicketsOrProblem(text: string): boolean {
  return (
    namesOwnTicket(text) ||
    asksProgress(text) ||
    asksForList(text) ||
    asksForHuman(text) ||
    requestsTicketWork(text) ||
    reportsProblem(text)
  );
}
