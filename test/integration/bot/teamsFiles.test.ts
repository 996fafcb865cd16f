import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { waitFor } from '../../support/waitFor';
import { conversationKeys, personScope } from '../../../common/conversationKeys';

// Teams' cloud is the one part mocked: a loopback server standing for the Bot Framework connector
// (where the bot's replies go) and for the file hosts Teams hands the bot (download URLs).

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(100)]);

let desk: DeskApp;
let cloud: Server;
let cloudUrl: string;
const replies: string[] = [];
const fetched: string[] = [];

beforeAll(async () => {
  cloud = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\//.test(req.url ?? '')) {
        replies.push((JSON.parse(Buffer.concat(chunks).toString() || '{}') as { text?: string }).text ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ id: randomUUID() }));
      }
      fetched.push(req.url ?? '');
      const file = req.url === '/sharepoint/raport.pdf' ? PDF : req.url === '/sharepoint/setup.pdf' ? EXE : null;
      res.writeHead(file ? 200 : 404, { 'content-type': 'application/octet-stream' });
      res.end(file ?? '');
    });
  });
  await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
  cloudUrl = `http://127.0.0.1:${(cloud.address() as AddressInfo).port}`;
  desk = await startDeskApp('teams-files');
});
afterAll(async () => {
  await desk?.close();
  await new Promise<void>((resolve) => cloud.close(() => resolve()));
});

function teamsMessage(attachments: object[]) {
  return {
    type: 'message',
    id: `1${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    locale: 'pl-PL',
    serviceUrl: cloudUrl,
    from: { id: '29:1anna', name: 'Anna Kowalska', aadObjectId: 'aad-anna' },
    conversation: { id: `a:1${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-contoso' },
    recipient: { id: '28:desk-bot', name: 'Desk' },
    channelData: { tenant: { id: 'tenant-contoso' } },
    text: '',
    attachments: [{ contentType: 'text/html', content: '<div></div>' }, ...attachments],
  };
}

const post = (activity: object) =>
  fetch(`${desk.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

it("downloads a Teams file from its pre-authorised URL, checks it by content, and holds it for the person's ticket", async () => {
  const message = teamsMessage([
    {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: 'raport.pdf',
      content: { downloadUrl: `${cloudUrl}/sharepoint/raport.pdf`, fileType: 'pdf' },
    },
    {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: 'setup.pdf',
      content: { downloadUrl: `${cloudUrl}/sharepoint/setup.pdf`, fileType: 'pdf' },
    },
    // A contentUrl outside Teams' service: the bot's token never goes there, nothing is fetched.
    { contentType: 'image/png', name: 'obraz.png', contentUrl: 'https://files.example.org/obraz.png' },
  ]);
  expect((await post(message)).status).toBe(200);
  await waitFor(() => replies.some((r) => r.startsWith('Mam Twój plik: raport.pdf')), "the bot's word that it holds the file");
  expect(replies).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Nie mogę przyjąć pliku setup\.pdf: it is a Windows program/),
      expect.stringMatching(/^Nie mogę przyjąć pliku obraz\.png: the file could not be fetched from Teams/),
    ]),
  );
  expect(fetched.sort()).toEqual(['/sharepoint/raport.pdf', '/sharepoint/setup.pdf']);
  const held = await desk.app.redis.client.lrange(
    `${conversationKeys(desk.prefix, message.conversation.id)}bot:held-files:${personScope('msteams', message.conversation.id, message.from.id)}`,
    0,
    -1,
  );
  expect(held.map((json) => JSON.parse(json) as { name: string; type: string })).toEqual([
    expect.objectContaining({ name: 'raport.pdf', type: 'application/pdf', size: PDF.length }),
  ]);
});
