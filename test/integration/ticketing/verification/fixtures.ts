import { mkdtempSync, rmSync } from 'fs';
import { readdir, readFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import pino from 'pino';
import type { Organisation } from '../../../../ticketing/domain/types';
import { nth } from '../../../support/nth';

export const contoso: Organisation = {
  id: 'contoso',
  name: 'Contoso sp. z o.o.',
  tenantId: 'tenant-contoso',
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [
    { id: 'jan', name: 'Jan Kowalski', email: 'jan.kowalski@contoso.pl', phone: '+48 601 234 123', chatIdentities: [] },
    { id: 'ewa', name: 'Ewa Nowak', email: 'ewa.nowak@contoso.pl', chatIdentities: [] },
  ],
};

export async function findOrganisation(orgId: string): Promise<Organisation | null> {
  return orgId === contoso.id ? contoso : null;
}

const outboxes: string[] = [];

/** A fresh outbox folder; removeTempOutboxes() deletes them all (call it in afterAll). */
export function tempOutbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-outbox-'));
  outboxes.push(dir);
  return dir;
}

export function removeTempOutboxes(): void {
  for (const dir of outboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface OutboxMessage {
  file: string;
  channel: 'email' | 'phone';
  to: string;
  code: string;
  subject?: string;
  text: string;
}

/** Every message in an outbox folder, oldest first. */
export async function readOutbox(dir: string): Promise<OutboxMessage[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => ({ file, ...JSON.parse(await readFile(join(dir, file), 'utf8')) })));
}

/** The newest code the outbox holds for an address. */
export async function latestCode(dir: string, to: string): Promise<string> {
  const messages = (await readOutbox(dir)).filter((m) => m.to === to);
  if (messages.length === 0) throw new Error(`no message to ${to} in the outbox`);
  return nth(messages, -1).code;
}

/** A logger whose JSON lines the test can read. */
export function capturingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: pino(
      { level: 'info' },
      {
        write: (line: string) => {
          lines.push(line);
        },
      },
    ),
  };
}
