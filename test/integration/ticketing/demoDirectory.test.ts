import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { silentLogger } from '../../../common/logger';
import { DEMO_DIRECTORY_FILE, loadDirectory, loadStartupDirectory } from '../../../ticketing/demo/loadDirectory';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { testRedis, uniquePrefix } from '../../support/redis';

describe('directory files (the demo directory and DIRECTORY_FILE)', () => {
  const redis = testRedis();
  let dir: string;
  let organisations: OrganisationStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-directory-'));
    organisations = new OrganisationStore(redis, uniquePrefix('directory'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => redis.disconnect());

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('loads one premier organisation with a tenant and a trusted Teams identity, and one standard organisation', async () => {
    const loaded = await loadDirectory(DEMO_DIRECTORY_FILE, organisations);
    expect(loaded.map((o) => o.id)).toEqual(['contoso', 'fabrikam']);
    const premier = await organisations.get('contoso');
    expect(premier).toMatchObject({ contract: 'premier', tenantId: expect.any(String) });
    const [anna] = premier!.administrators;
    expect(anna).toMatchObject({ email: expect.stringContaining('@'), phone: expect.stringMatching(/^\+48/) });
    expect(anna!.chatIdentities).toEqual([{ channel: 'msteams', id: expect.any(String), tenantId: premier!.tenantId }]);
    expect(await organisations.findByTenant(premier!.tenantId!)).toMatchObject({ id: 'contoso' });
    const standard = await organisations.get('fabrikam');
    expect(standard).toMatchObject({ contract: 'standard' });
    expect(standard!.administrators[0]).toMatchObject({ email: expect.any(String), phone: expect.any(String) });
  });

  it('loads JSON as well as YAML, and loading again replaces rather than duplicates', async () => {
    const file = write(
      'dir.json',
      JSON.stringify({
        organisations: [{ id: 'acme', name: 'Acme', contract: 'standard', administrators: [{ id: 'a', name: 'A', email: 'a@acme.pl' }] }],
      }),
    );
    await loadDirectory(file, organisations);
    await loadDirectory(file, organisations);
    expect((await organisations.list()).map((o) => o.id)).toEqual(['acme']);
    expect((await organisations.get('acme'))!.timeZone).toBe('Europe/Warsaw');
  });

  it('names the file and the field of an invalid entry, and writes nothing from a file with an error', async () => {
    const file = write(
      'bad.yaml',
      [
        'organisations:',
        '  - { id: good, name: Good, contract: standard, administrators: [{ id: g, name: G, email: g@good.pl }] }',
        '  - { id: bad, name: Bad, contract: gold }',
      ].join('\n'),
    );
    await expect(loadDirectory(file, organisations)).rejects.toThrow(`directory ${file}: organisations.1.contract: Invalid enum value`);
    expect(await organisations.list()).toEqual([]);
  });

  it('names the file of unreadable YAML, of a missing file, and of an organisation listed twice', async () => {
    await expect(loadDirectory(write('broken.yaml', 'organisations: [\n'), organisations)).rejects.toThrow(/^directory .*broken\.yaml: /);
    await expect(loadDirectory(join(dir, 'missing.yaml'), organisations)).rejects.toThrow(/missing\.yaml: ENOENT/);
    const twice = write(
      'twice.yaml',
      'organisations:\n  - { id: x, name: X, contract: standard }\n  - { id: x, name: Y, contract: standard }\n',
    );
    await expect(loadDirectory(twice, organisations)).rejects.toThrow('organisations.1.id: organisation x is listed twice');
  });

  it('at start-up loads DIRECTORY_FILE, or the demo when it is unset, and nothing for none or in production', async () => {
    const own = write('own.yaml', 'organisations:\n  - { id: own, name: Own, contract: standard }\n');
    expect((await loadStartupDirectory({ directoryFile: own, production: false }, organisations, silentLogger)).map((o) => o.id)).toEqual([
      'own',
    ]);
    expect(await loadStartupDirectory({ directoryFile: 'none', production: false }, organisations, silentLogger)).toEqual([]);
    expect(await loadStartupDirectory({ production: true }, organisations, silentLogger)).toEqual([]);
    expect((await organisations.list()).map((o) => o.id)).toEqual(['own']);
    expect((await loadStartupDirectory({ production: false }, organisations, silentLogger)).map((o) => o.id)).toEqual([
      'contoso',
      'fabrikam',
    ]);
  });
});
