import type { Locale } from '../../../common/locale';

/** Where a one-time code goes: the e-mail address or phone number registered for an administrator. */
export interface CodeDestination {
  channel: 'email' | 'phone';
  address: string;
  name?: string;
}

export interface CodeMessage {
  code: string;
  orgName: string;
  expiresMinutes: number;
  locale: Locale;
}

/** Delivers one code; rejects when the message was not handed over (the caller refunds the send). */
export interface CodeSender {
  send(to: CodeDestination, message: CodeMessage): Promise<void>;
}
