import { randomUUID } from 'crypto';
import { mkdir, rename, writeFile } from 'fs/promises';
import { join } from 'path';
import type { Logger } from '../../../common/logger';
import { maskEmail, maskPhone } from '../mask';
import type { CodeSender } from './codeSender';
import { codeText } from './codeText';

/**
 * Local development without SMTP or an SMS gateway: each message becomes one JSON file in the
 * outbox, holding the code. The log names the file, never the code, so logs stay shareable.
 */
export function createOutboxSender(dir: string, logger: Logger): CodeSender {
  let sequence = 0; // keeps file names in sending order within one millisecond
  return {
    async send(to, message) {
      await mkdir(dir, { recursive: true });
      const text = codeText(message, to.name);
      const createdAt = new Date().toISOString();
      sequence += 1;
      const name = `${createdAt.replace(/[:.]/g, '-')}-${String(sequence).padStart(6, '0')}-${to.channel}-${randomUUID().slice(0, 8)}.json`;
      const file = join(dir, name);
      const record = {
        createdAt,
        channel: to.channel,
        to: to.address,
        name: to.name,
        code: message.code,
        subject: to.channel === 'email' ? text.subject : undefined,
        text: to.channel === 'email' ? text.body : text.sms,
      };
      // Written whole or not at all: a reader never sees half a message.
      await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      const destination = to.channel === 'email' ? maskEmail(to.address) : maskPhone(to.address);
      logger.info({ destination, file }, 'verification code written to the outbox');
    },
  };
}
