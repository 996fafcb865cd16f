import { taggedName } from '../../../ticketing/store/tagKeys';
import { keys } from '../../../ticketing/store/keys';
import { slaKeys, dueSetKeys } from '../../../ticketing/sla/dueSet';
import { keyIn } from '../../../common/redisKeys';
import { conversationKeys, personScope } from '../../../common/conversationKeys';

const p = 'desk:';

describe('migrate:keys: the tagged name of an old key', () => {
  it('gives each old store key the name the store now uses', () => {
    const pairs: [string, string][] = [
      ['desk:ticket:SR-2026-000001', keys.ticket(p, 'SR-2026-000001')],
      ['desk:seq:ticket:2026', keys.ticketSequence(p, 2026)],
      ['desk:idem:abc', keys.idempotency(p, 'abc')],
      ['desk:tickets:all', keys.allTickets(p)],
      ['desk:tickets:org:contoso:cell:new:A:technical:0', keys.orgCell(p, 'contoso', 'new:A:technical:0')],
      ['desk:queue:technical', keys.queue(p, 'technical')],
      ['desk:agent:ola:open', keys.agentOpen(p, 'ola')],
      ['desk:report:sla:2026-03', keys.report(p, 'sla:2026-03')],
      ['desk:sla-policy:latest', keys.slaPolicyLatest(p)],
      ['desk:store:cells-indexed', keys.cellsIndexed(p)],
      ['desk:store:search-indexed:progress', `${keys.searchIndexed(p)}:progress`],
      ['desk:search:kowalska', keys.searchTerm(p, 'kowalska')],
      ['desk:notes:SR-2026-000001', keys.internalNotes(p, 'SR-2026-000001')],
      ['desk:presence:SR-2026-000001', keys.presence(p, 'SR-2026-000001')],
      ['desk:sla:due', slaKeys(p).due],
      ['desk:sla:inflight:due', slaKeys(p).inflightDue],
      ['desk:sla:reconciled', slaKeys(p).reconciled],
      ['desk:delivery:inflight', dueSetKeys(p, 'delivery').inflight],
      ['desk:org:contoso', keys.organisation(p, 'contoso')],
      ['desk:orgs', keys.organisations(p)],
      ['desk:orgs:names', keys.organisationNames(p)],
      ['desk:org-by-admin-email:anna@contoso.pl', keys.organisationsByAdminEmail(p, 'anna@contoso.pl')],
      ['desk:pin:sends:admin:contoso:a1', `${keyIn(p, 'pin')}sends:admin:contoso:a1`],
      ['desk:pin:secret', `${keyIn(p, 'pin')}secret`],
      ['desk:verified:conv-1', `${keyIn(p, 'pin')}verified:conv-1`],
      ['desk:bull:sla:42', 'desk:{bull}:sla:42'],
    ];
    for (const [old, now] of pairs) expect([old, taggedName(p, old)]).toEqual([old, now]);
  });

  it("puts the bot's and web chat's keys in their conversation's tag, and a person's state across conversations in its own", () => {
    const scope = personScope('msteams', '19:a|b/c@thread.v2', '29:u');
    const conv = conversationKeys(p, '19:a|b/c@thread.v2');
    const pairs: [string, string][] = [
      ['desk:bot:state:msteams/conversations/a:1/users/29:u/', 'desk:{conv:a:1}:bot:state:msteams/conversations/a:1/users/29:u/'],
      ['desk:bot:state:msteams/users/29:u/', 'desk:{state:msteams/users/29:u/}:bot:state:msteams/users/29:u/'],
      ['desk:bot:lock:a:1', 'desk:{conv:a:1}:bot:lock'],
      [`desk:bot:awaiting:${scope}`, `${conv}bot:awaiting:${scope}`],
      [`desk:bot:rating:${scope}`, `${conv}bot:rating:${scope}`],
      [`desk:bot:held-files:${scope}`, `${conv}bot:held-files:${scope}`],
      ['desk:dl:conv:Ab_1-x', 'desk:{conv:Ab_1-x}:dl:conv'],
      ['desk:dl:activities:Ab_1-x', 'desk:{conv:Ab_1-x}:dl:activities'],
      ['desk:dl:token:Ab_1-x', 'desk:{conv:Ab_1-x}:dl:token'],
    ];
    for (const [old, now] of pairs) expect([old, taggedName(p, old)]).toEqual([old, now]);
  });

  it('leaves tagged keys, other families and other prefixes alone', () => {
    for (const key of [
      keys.ticket(p, 'SR-1'),
      'desk:{conv:1}:dl:conv',
      'desk:dl:stream:token-id',
      'desk:kb:questions',
      'other:ticket:SR-1',
      'desk:orgsx',
    ])
      expect([key, taggedName(p, key)]).toEqual([key, null]);
  });
});
