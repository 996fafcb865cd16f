import { personScope, refuseInbound, refuseReference, type ChannelRules } from '../../../bot/channels';
import { loadConfig } from '../../../common/config';

const production: ChannelRules = { teamsServiceHosts: loadConfig({}).teamsServiceHosts, allowLoopback: false };
const development: ChannelRules = { ...production, allowLoopback: true };
const ref = (channelId: string, serviceUrl: string) => ({ channelId, serviceUrl, conversation: { id: 'c1' } });

describe('where a conversation reference may lead', () => {
  it.each([
    ['https://smba.trafficmanager.net/emea/', null],
    ['https://smba.infra.gcc.teams.microsoft.com/', null],
    ['http://smba.trafficmanager.net/emea/', 'not a Bot Framework service host'],
    ['https://smba.trafficmanager.net.evil.example/', 'not a Bot Framework service host'],
    ['https://evil.example/', 'not a Bot Framework service host'],
    ['http://127.0.0.1:3978/', 'not a Bot Framework service host'],
    ['not a url', 'serviceUrl: must be a URL'],
  ])('Teams in production: %s', (serviceUrl, refusal) => {
    const answer = refuseReference(production, ref('msteams', serviceUrl));
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toContain(refusal);
  });

  it('lets TEAMS_SERVICE_HOSTS name a domain and its subdomains', () => {
    const rules = { ...production, teamsServiceHosts: loadConfig({ TEAMS_SERVICE_HOSTS: '*.botframework.com' }).teamsServiceHosts };
    expect(refuseReference(rules, ref('msteams', 'https://europe.botframework.com/'))).toBeNull();
    expect(refuseReference(rules, ref('msteams', 'https://botframework.com.evil.example/'))).not.toBeNull();
    expect(() => loadConfig({ TEAMS_SERVICE_HOSTS: 'https://evil.example/' })).toThrow(/TEAMS_SERVICE_HOSTS/);
  });

  it("keeps the web chat on the desk's own connector, and the Emulator and loopback to development", () => {
    expect(refuseReference(production, ref('directline', 'http://127.0.0.1:3978/directline/connector'))).toBeNull();
    expect(refuseReference(production, ref('directline', 'https://evil.example/directline/connector'))).toContain('own connector');
    expect(refuseReference(production, ref('directline', 'http://127.0.0.1:3978/elsewhere'))).toContain('own connector');
    expect(
      refuseReference(
        { ...production, webServiceBaseUrl: 'http://desk-1.internal:3978' },
        ref('directline', 'http://desk-1.internal:3978/directline/connector'),
      ),
    ).toBeNull();
    expect(refuseReference(production, ref('emulator', 'http://localhost:5000/'))).toContain('local development only');
    expect(refuseReference(development, ref('emulator', 'http://localhost:5000/'))).toBeNull();
    expect(refuseReference(development, ref('msteams', 'http://127.0.0.1:5000/'))).toBeNull();
    expect(refuseReference(development, ref('slack', 'https://slack.botframework.com/'))).toContain('not a channel of this desk');
  });

  it('never takes the web channel through /api/messages', () => {
    expect(refuseInbound(development, ref('directline', 'http://127.0.0.1:3978/directline/connector'))).toContain('/v3/directline');
  });

  it('names one person in one conversation of one channel, whatever characters the ids hold', () => {
    expect(personScope('msteams', 'a|b', 'c')).not.toBe(personScope('msteams', 'a', 'b|c'));
    expect(personScope('msteams', 'c1', 'u1')).not.toBe(personScope('directline', 'c1', 'u1'));
  });
});
