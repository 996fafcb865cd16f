import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnResult,
  FoundChoice,
  PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DescribedPastChoicePrompt, DeskChoicePrompt, type ChoiceAfterDescriptions } from './choicePrompt';
import { descriptionIn } from './description';
import {
  type CodeChannel,
  findTrustedAdministrator,
  matchOrganisationIn,
  emailAddressIn,
  type OrganisationMatch,
  type VerifiedAdmin,
} from '../../ticketing';
import type { AdminVerification, OrganisationDirectory } from '../ports';
import { t } from '../i18n';
import { localeOf } from '../turnLocale';
import { choiceSaidAs, isCommand, phrasingsOf } from '../commands';
import { mentions } from '../typedAnswer';
import { choiceStyle, sendWithButtons } from '../buttons';
import { channelVouches, personScopeOf } from '../channels';
import type { SupportContacts } from '../supportContacts';

export interface VerifyAdminDeps {
  verifier: AdminVerification;
  organisations: OrganisationDirectory;
  /** Said with every refusal: how else to reach support. */
  contacts: SupportContacts;
}

const MAIN = 'verifyAdmin.steps';
const ASK_ADMIN = 'verifyAdmin.isAdmin';
const ASK_ORG = 'verifyAdmin.org';
const ASK_EMAIL = 'verifyAdmin.email';
const ASK_CHANNEL = 'verifyAdmin.channel';
const ENTER_CODE = 'verifyAdmin.enterCode';
const ASK_CODE = 'verifyAdmin.code';
const ORG_TRIES = 3;

interface CodeTarget {
  orgId: string;
  /** As typed: the verifier sends only to the contact registered for it, if any. */
  email: string;
  channel: CodeChannel;
  /** Carried to the end of the dialog (Verification); absent in a dialog begun before it was kept. */
  describedBefore?: string[];
}

/** The verified administrator, and what they typed about their problem while asked whether they are one (oldest first). */
export type Verification = VerifiedAdmin & { describedMeanwhile?: string[] };

/**
 * Proves that the person in the chat is an administrator of a customer organisation.
 * A Teams identity registered for an administrator is trusted at once (on an authenticated turn);
 * anyone else names their organisation and e-mail and types back a one-time code sent to the
 * contact registered for that administrator. The wording never reveals whether the e-mail is registered. A verification
 * belongs to one person in one conversation of one channel (personScope).
 * Ends with a Verification, or null when the person is not (or not yet) verified.
 */
export class VerifyAdminDialog extends ComponentDialog {
  static readonly id = 'verifyAdmin';

  constructor(private readonly deps: VerifyAdminDeps) {
    super(VerifyAdminDialog.id);
    this.addDialog(new DescribedPastChoicePrompt(ASK_ADMIN, { descriptionIn, notedRetryPrompt: 'verify.askAdminNoted' }));
    this.addDialog(new DeskChoicePrompt(ASK_CHANNEL));
    this.addDialog(new TextPrompt(ASK_ORG, (pc) => this.organisationKnown(pc)));
    this.addDialog(new TextPrompt(ASK_EMAIL, async (pc) => pc.recognized.succeeded && emailAddressIn(pc.recognized.value!) !== undefined));
    this.addDialog(new TextPrompt(ASK_CODE));
    this.addDialog(
      new WaterfallDialog(MAIN, [
        (step) => this.alreadyVerified(step),
        (step) => this.askOrganisation(step),
        (step) => this.askEmail(step),
        (step) => this.askChannel(step),
        (step) => this.sendCode(step),
      ]),
    );
    this.addDialog(new WaterfallDialog<CodeTarget>(ENTER_CODE, [(step) => this.promptCode(step), (step) => this.checkCode(step)]));
    this.initialDialogId = MAIN;
  }

  private async alreadyVerified(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = localeOf(context);
    const conversationId = personScopeOf(context);
    const verified = await this.deps.verifier.verifiedAdmin(conversationId);
    if (verified) return step.endDialog(verified);

    const trusted = await this.trustedIdentity(context);
    if (trusted) {
      await this.deps.verifier.markVerified({ ...trusted.admin, conversationId });
      await context.sendActivity(t(locale, 'verify.trusted', { name: trusted.name, org: trusted.orgName }));
      return step.endDialog(trusted.admin);
    }
    return step.prompt(ASK_ADMIN, {
      prompt: t(locale, 'verify.askAdmin'),
      // What people type past this question is mostly more of their problem, or "nie wiem".
      retryPrompt: t(locale, 'verify.askAdminAgain'),
      style: choiceStyle(step.context),
      choices: [
        choiceSaidAs(t(locale, 'choice.yes'), 'commands.yes', 'commands.amAdmin'),
        choiceSaidAs(t(locale, 'choice.no'), 'commands.no', 'commands.notAdmin'),
      ],
    });
  }

  private async askOrganisation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = localeOf(step.context);
    const answer = step.result as ChoiceAfterDescriptions;
    if (answer.index !== 0) {
      await sendNonAdminGuidance(step.context, this.deps.contacts);
      return step.endDialog(null);
    }
    (step.values as Pick<CodeTarget, 'describedBefore'>).describedBefore = answer.describedBefore;
    return step.prompt(ASK_ORG, { prompt: t(locale, 'verify.askOrg'), retryPrompt: t(locale, 'verify.orgUnknown') });
  }

  private async askEmail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = localeOf(step.context);
    const { match, email } = await this.organisationAnswered(String(step.result));
    const org = match && 'found' in match ? match.found : null;
    if (!org) {
      await step.context.sendActivity(this.deps.contacts.refusal(locale, t(locale, 'verify.orgGiveUp')));
      return step.endDialog(null);
    }
    (step.values as { orgId: string }).orgId = org.id;
    // Given with the organisation ("Contoso, anna@contoso.pl") or instead of it: not asked again.
    if (email) return step.next(email);
    return step.prompt(ASK_EMAIL, {
      prompt: t(locale, 'verify.askEmail', { org: org.name }),
      retryPrompt: t(locale, 'verify.emailInvalid'),
    });
  }

  /** Asks where the code should go, among the ways configured here; with only one, uses it. */
  private async askChannel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = localeOf(step.context);
    (step.values as { email: string }).email = emailAddressIn(String(step.result))!;
    const channels = this.deps.verifier.codeChannels;
    if (channels.length === 1) return step.next({ index: 0 } satisfies Pick<FoundChoice, 'index'>);
    return step.prompt(ASK_CHANNEL, {
      prompt: t(locale, 'verify.askChannel'),
      style: choiceStyle(step.context),
      choices: channels.map((channel) =>
        channel === 'email'
          ? choiceSaidAs(t(locale, 'choice.email'), 'commands.email')
          : choiceSaidAs(t(locale, 'choice.sms'), 'commands.sms'),
      ),
    });
  }

  private async sendCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { orgId, email, describedBefore } = step.values as Omit<CodeTarget, 'channel'>;
    const channel = this.deps.verifier.codeChannels[(step.result as FoundChoice).index]!;
    const target: CodeTarget = { orgId, email, channel, describedBefore };
    if (!(await this.requestCode(step.context, target))) return step.endDialog(null);
    return step.replaceDialog(ENTER_CODE, target);
  }

  private async promptCode(step: WaterfallStepContext<CodeTarget>): Promise<DialogTurnResult> {
    return step.prompt(ASK_CODE, { prompt: t(localeOf(step.context), 'verify.askCode') });
  }

  /** One typed code: verified ends the dialog, anything that may be retried asks again. */
  private async checkCode(step: WaterfallStepContext<CodeTarget>): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = localeOf(context);
    const target = step.options;
    const typed = String(step.result).trim();
    if (asksForNewCode(typed)) {
      if (!(await this.requestCode(context, target))) return step.endDialog(null);
      return step.replaceDialog(ENTER_CODE, target);
    }
    const result = await this.deps.verifier.verifyCode({ conversationId: personScopeOf(context), code: codeIn(typed) ?? typed });
    switch (result.status) {
      case 'verified': {
        // The verifier has recorded the verification for this conversation.
        await context.sendActivity(t(locale, 'verify.success'));
        const verification: Verification = { orgId: result.orgId, adminId: result.adminId, describedMeanwhile: target.describedBefore };
        return step.endDialog(verification);
      }
      case 'malformed':
        await context.sendActivity(t(locale, 'verify.codeFormat'));
        return step.replaceDialog(ENTER_CODE, target);
      case 'wrong':
        await context.sendActivity(t(locale, 'verify.codeWrong', { left: result.attemptsLeft }));
        return step.replaceDialog(ENTER_CODE, target);
      case 'expired':
      case 'no_code':
        await context.sendActivity(t(locale, 'verify.codeExpired'));
        return step.replaceDialog(ENTER_CODE, target);
      case 'locked':
        await context.sendActivity(this.deps.contacts.refusal(locale, t(locale, 'verify.locked')));
        return step.endDialog(null);
    }
  }

  /**
   * Sends a code and says where it went. False when no code may be typed now (locked). After the
   * hourly limit of codes a code sent earlier still works, so the person is asked for it.
   */
  private async requestCode(context: TurnContext, target: CodeTarget): Promise<boolean> {
    const locale = localeOf(context);
    const result = await this.deps.verifier.requestCode({ ...target, conversationId: personScopeOf(context), locale });
    switch (result.status) {
      case 'sent':
        await context.sendActivity(t(locale, 'verify.codeSent', { destination: result.maskedDestination }));
        return true;
      case 'rate_limited': {
        const minutes = Math.max(1, Math.ceil((result.retryAfterSeconds ?? 3600) / 60));
        await context.sendActivity(this.deps.contacts.refusal(locale, t(locale, 'verify.rateLimited', { minutes })));
        return true;
      }
      case 'locked':
        await context.sendActivity(this.deps.contacts.refusal(locale, t(locale, 'verify.locked')));
        return false;
    }
  }

  /**
   * A name that finds one organisation. Two that fit equally are asked about without naming them
   * (an unverified person learns nothing about who else is a customer).
   */
  private async organisationKnown(pc: PromptValidatorContext<string>): Promise<boolean> {
    if (!pc.recognized.succeeded || !pc.recognized.value?.trim()) return false;
    // After a few misses the step says so and stops, instead of asking forever.
    if (pc.attemptCount >= ORG_TRIES) return true;
    const { match, email } = await this.organisationAnswered(pc.recognized.value);
    if (match && 'found' in match) return true;
    pc.options.retryPrompt = t(localeOf(pc.context), match ? 'verify.orgAmbiguous' : email ? 'verify.orgNotEmail' : 'verify.orgUnknown');
    return false;
  }

  /**
   * The organisation an answer names, and the e-mail address it gives too. Asked for their
   * organisation, people often type their address ("anna.kowalska@contoso.pl"): its domain's
   * name is tried as the organisation's, which tells them nothing typing "contoso" would not.
   */
  private async organisationAnswered(text: string): Promise<{ match: OrganisationMatch; email?: string }> {
    const email = emailAddressIn(text);
    const match = await matchOrganisationIn(this.deps.organisations, email ? text.replace(email, ' ') : text);
    if (match || !email) return { match, email };
    const domainName = email.split('@')[1]!.split('.')[0]!;
    return { match: await matchOrganisationIn(this.deps.organisations, domainName), email };
  }

  /** A Teams identity registered for an administrator, when Bot Framework authenticated the turn (else anyone could claim it). */
  private async trustedIdentity(context: TurnContext): Promise<{ admin: VerifiedAdmin; name: string; orgName: string } | null> {
    if (!channelVouches(context)) return null;
    const { activity } = context;
    const aadObjectId = activity.from?.aadObjectId;
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (!aadObjectId || !tenantId) return null;
    const org = await this.deps.organisations.findByTenant(tenantId);
    if (!org) return null;
    const admin = findTrustedAdministrator(org, { channelId: activity.channelId, userId: activity.from.id, aadObjectId, tenantId });
    return admin ? { admin: { orgId: org.id, adminId: admin.id }, name: admin.name, orgName: org.name } : null;
  }
}

/** Only administrators may open requests: said kindly, with where to go instead. */
export async function sendNonAdminGuidance(context: TurnContext, contacts: SupportContacts): Promise<void> {
  const locale = localeOf(context);
  await sendWithButtons(context, contacts.refusal(locale, t(locale, 'nonAdmin.guidance')), [t(locale, 'button.help')]);
}

/** Six digits, alone or in two groups of three ("894 924", "894-924"), not inside a longer number. */
const TYPED_CODE = /(?<![\d-])(\d{3})[ -]?(\d{3})(?![\d-])/g;

/**
 * The code a message gives, however it is typed ("kod to 894 924", "894-924."), when it gives
 * exactly one; otherwise undefined, and the message is checked as typed (a wrong format says so).
 */
export function codeIn(text: string): string | undefined {
  const codes = [...text.matchAll(TYPED_CODE)];
  return codes.length === 1 ? codes[0]![1]! + codes[0]![2]! : undefined;
}

/** "wyślij ponownie", "nic nie przyszło", "poproszę nowy kod", "didn't get anything": a message with no code that asks for one. */
function asksForNewCode(text: string): boolean {
  if (codeIn(text) !== undefined) return false;
  return isCommand(text, 'commands.resend') || mentions(text, phrasingsOf('commands.resendWords'));
}
