/**
 * Ticket creation end to end on the running service: POST /api/tickets (beside GET /healthz on
 * the same server), and the bot's whole dialog over /api/messages as the demo directory's
 * premier administrator in Teams (beside echo turns). Without Bot Framework authentication the
 * service vouches for no Teams identity, so each conversation is marked verified in Redis first,
 * as a PIN would leave it: the dialog measured is the ticket's, not the code's.
 */
import { randomBytes, randomUUID } from 'crypto';
import { personScope } from '../../bot/channels';
import { newRedisClient } from '../../common/redisConnection';
import { PinVerifier } from '../../ticketing/verification/pinService';
import { TEST_TOKENS } from '../support/ticketingApiServer';
import { postTurn, type ChatPeer } from './support/botClient';
import { watchProcess, type ProcessLoadSummary } from './support/processStats';
import { latencyStats, loadCount, round1, summarize, type LoadResult } from './support/stats';
import type { BenchRow } from './support/table';

export interface TicketCreationSizes {
  apiTickets: number;
  dialogs: number;
  concurrency: number;
}

/** Contoso's administrator Anna Kowalska, trusted in Teams (ticketing/demo/directory.yaml). */
const CONTOSO = {
  orgId: 'contoso',
  adminId: 'anna.kowalska',
  email: 'anna.kowalska@contoso.pl',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};
const ANNA_IN_TEAMS: ChatPeer = {
  channelId: 'msteams',
  tenantId: CONTOSO.tenantId,
  from: { id: '29:anna-kowalska', name: 'Anna Kowalska', aadObjectId: '4d2f1c9e-7b3a-4e8d-9f61-0a5b2c3d4e5f' },
};

/** The dialog, turn by turn, with what each answer must show for the next turn to make sense. */
const DIALOG: { say: { text?: string; value?: unknown }; expect: RegExp }[] = [
  { say: { text: 'rozmowa z człowiekiem' }, expect: /Problem techniczny/ },
  { say: { text: 'Problem techniczny' }, expect: /Opisz problem/ },
  { say: { text: 'Poczta nie wychodzi u nikogo w firmie od rana' }, expect: /Kogo lub czego dotyczy/ },
  { say: { text: 'Wszyscy użytkownicy, Exchange Online' }, expect: /Czy są poprawne/ },
  { say: { text: 'Dane są poprawne' }, expect: /forma kontaktu/ },
  { say: { text: 'E-mail' }, expect: /Proponuję priorytet/ },
  { say: { text: 'B – wysoki' }, expect: /.*/ }, // the summary is a card
  { say: { value: { action: 'confirm_ticket' } }, expect: /Założyłem zgłoszenie SR-\d{4}-\d{6}/ },
];
export const DIALOG_TURNS = DIALOG.length;

export interface TicketCreationResult {
  rows: BenchRow[];
  api: LoadResult;
  dialogs: LoadResult;
  dialogTurns: LoadResult;
  service: ProcessLoadSummary;
}

/**
 * `echoFloor` is the echo bot's turn latency and rate from the same run (benchBotTurns), the
 * floor for a dialog's turns.
 */
export async function benchTicketCreation(
  service: { url: string; pid: number; redisUrl: string; prefix: string },
  sizes: TicketCreationSizes,
  echoFloor: LoadResult,
): Promise<TicketCreationResult> {
  const run = randomUUID().slice(0, 8);
  const c = sizes.concurrency;
  const watched = watchProcess(service.pid);
  const ids = new Set<string>();

  const api = summarize(
    await loadCount(sizes.apiTickets, c, async (i) => {
      const res = await fetch(`${service.url}/api/tickets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TEST_TOKENS.system}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${run}-${i}`,
        },
        body: JSON.stringify({
          orgId: CONTOSO.orgId,
          adminId: CONTOSO.adminId,
          category: 'technical',
          grade: 'B',
          title: `Exchange Online nie wysyła poczty (${i})`,
          description: 'Od rana użytkownicy nie mogą wysyłać wiadomości; odbiór działa.',
          affected: '20 użytkowników',
          contact: { email: CONTOSO.email, preferred: 'email' },
        }),
      });
      const body = await res.text();
      if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${body.slice(0, 300)}`);
      ids.add((JSON.parse(body) as { id: string }).id);
    }),
  );
  const healthz = summarize(
    await loadCount(sizes.apiTickets, c, async () => {
      const res = await fetch(`${service.url}/healthz`);
      if (!res.ok) throw new Error(`GET /healthz answered ${res.status}`);
      await res.arrayBuffer();
    }),
  );

  const redis = newRedisClient(service.redisUrl);
  const verifier = new PinVerifier({
    redis,
    secret: randomBytes(32), // marking a conversation verified uses no code
    findOrganisation: async () => null,
    senders: { email: refuseCode, phone: refuseCode },
    prefix: service.prefix,
    verificationTtlSeconds: 3600,
  });
  const turnLatencies: number[] = [];
  const dialogSample = await loadCount(sizes.dialogs, c, async (i) => {
    const conversationId = `a:bench-dialog-${run}-${i}`;
    await verifier.markVerified({
      conversationId: personScope(ANNA_IN_TEAMS.channelId, conversationId, ANNA_IN_TEAMS.from.id),
      orgId: CONTOSO.orgId,
      adminId: CONTOSO.adminId,
    });
    for (const { say, expect } of DIALOG) {
      const turn = await postTurn(service.url, conversationId, ANNA_IN_TEAMS, say);
      turnLatencies.push(turn.ms);
      const text = turn.replies.join('\n');
      if (!expect.test(text))
        throw new Error(`dialog ${i}: "${say.text ?? 'confirm'}" was answered "${text.slice(0, 300)}", expected ${expect}`);
      const opened = /SR-\d{4}-\d{6}/.exec(text);
      if (say.value && opened) ids.add(opened[0]);
    }
  });
  const serviceLoad = watched.stop();
  redis.disconnect();
  if (ids.size !== sizes.apiTickets + sizes.dialogs)
    throw new Error(`${sizes.apiTickets + sizes.dialogs} tickets were created but ${ids.size} distinct ids came back`);

  const dialogs = summarize(dialogSample);
  const dialogTurns: LoadResult = {
    perSecond: round1(turnLatencies.length / dialogSample.seconds),
    latency: latencyStats(turnLatencies),
  };
  const apiFloor = `GET /healthz on the service, ${c} in flight`;
  const echoWhat = `echo bot turns, ${c} in flight`;
  return {
    api,
    dialogs,
    dialogTurns,
    service: serviceLoad,
    rows: [
      {
        figure: `tickets / s, POST /api/tickets on the service (${c} in flight, ${sizes.apiTickets})`,
        value: api.perSecond,
        unit: '/s',
        floor: healthz.perSecond,
        floorWhat: apiFloor,
      },
      { figure: 'POST /api/tickets p50', value: api.latency.p50, unit: 'ms', floor: healthz.latency.p50, floorWhat: apiFloor },
      { figure: 'POST /api/tickets p99', value: api.latency.p99, unit: 'ms', floor: healthz.latency.p99, floorWhat: apiFloor },
      {
        figure: `tickets / s, whole bot dialog in Teams (${DIALOG_TURNS} turns, ${c} conversations, ${sizes.dialogs})`,
        value: dialogs.perSecond,
        unit: '/s',
        floor: round1(echoFloor.perSecond / DIALOG_TURNS),
        floorWhat: `echo turns / s ÷ ${DIALOG_TURNS}`,
      },
      { figure: 'dialog turn p50', value: dialogTurns.latency.p50, unit: 'ms', floor: echoFloor.latency.p50, floorWhat: echoWhat },
      { figure: 'dialog turn p99', value: dialogTurns.latency.p99, unit: 'ms', floor: echoFloor.latency.p99, floorWhat: echoWhat },
      {
        figure: 'service RSS during ticket creation, mean / peak',
        value: `${serviceLoad.meanRssMb} / ${serviceLoad.peakRssMb}`,
        unit: 'MB',
      },
    ],
  };
}

/** The bench's verifier only marks conversations verified; it never sends a code. */
const refuseCode = {
  send: async (): Promise<never> => {
    throw new Error('the bench sends no codes');
  },
};
