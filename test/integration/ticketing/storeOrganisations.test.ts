import type { RedisClient } from '../../../common/redisConnection';
import { ConflictError } from '../../../ticketing/service/ticketService';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { keysMatching, testRedis, uniquePrefix } from '../../support/redis';
import { keys } from '../../../ticketing/store/keys';
import { organisation, premier } from './serviceFixtures';

let redis: RedisClient;
let store: OrganisationStore;
beforeEach(() => {
  store = new OrganisationStore(redis, uniquePrefix('store-orgs'));
});
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('organisation store', () => {
  it('stores, lists and finds organisations by id, tenant id and name regardless of case and diacritics', async () => {
    const lodz = organisation({ id: 'lodz', name: 'Łódzkie Żółwie Sp. z o.o.', tenantId: 'tenant-lodz' });
    expect(await store.upsert(lodz)).toEqual({ created: true });
    expect(await store.upsert(premier())).toEqual({ created: true });

    expect(await store.get('lodz')).toEqual(lodz);
    expect((await store.list()).map((o) => o.id)).toEqual(['fabrikam', 'lodz']);
    expect(await store.findByTenant('tenant-lodz')).toEqual(lodz);
    expect(await store.findOrganisation('lodz')).toEqual(lodz);
    expect(await store.findOrganisation('tenant-lodz')).toEqual(lodz);
    expect(await store.findOrganisation('  lodzkie zolwie   sp. z O.O. ')).toEqual(lodz);
    expect(await store.findOrganisation('ŁÓDZKIE ŻÓŁWIE SP. Z O.O.')).toEqual(lodz);
    expect(await store.findOrganisation('Łódzkie')).toBeNull();
    expect(await store.findOrganisation('')).toBeNull();
    expect(await store.findAdministratorByEmail('lodz', 'JAN@Contoso.PL')).toMatchObject({ id: 'adm-1' });
    expect(await store.findAdministratorByEmail('lodz', 'eve@contoso.pl')).toBeNull();
  });

  it('moves the lookups when a name or tenant changes and drops them on delete', async () => {
    await store.upsert(organisation({ id: 'org-7', name: 'Contoso', tenantId: 't-old' }));
    expect(await store.upsert(organisation({ id: 'org-7', name: 'Contoso Polska', tenantId: 't-new' }))).toEqual({ created: false });

    expect(await store.findOrganisation('contoso')).toBeNull();
    expect(await store.findByTenant('t-old')).toBeNull();
    expect((await store.findOrganisation('contoso polska'))?.tenantId).toBe('t-new');

    expect(await store.delete('org-7')).toBe(true);
    expect(await store.delete('org-7')).toBe(false);
    expect(await store.get('org-7')).toBeNull();
    expect(await store.findByTenant('t-new')).toBeNull();
    expect(await store.findOrganisation('Contoso Polska')).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it('finds the administrator of a mail sender by the index, which follows every change of administrators', async () => {
    const admin = (id: string, email: string) => ({ id, name: id, email, chatIdentities: [] });
    await store.upsert(organisation({ administrators: [admin('adm-1', 'Jan@Contoso.pl'), admin('adm-2', 'ola@contoso.pl')] }));
    await store.upsert(premier({ tenantId: 'tenant-2', administrators: [admin('fab-1', 'ola@contoso.pl')] }));

    expect(await store.findAdministratorBySender(' JAN@contoso.PL ')).toMatchObject({ org: { id: 'contoso' }, admin: { id: 'adm-1' } });
    // An address registered in two organisations gives the first by name, as the old scan did.
    expect(await store.findAdministratorBySender('ola@contoso.pl')).toMatchObject({ org: { id: 'contoso' }, admin: { id: 'adm-2' } });
    expect(await store.findAdministratorBySender('eve@contoso.pl')).toBeNull();

    // The administrator leaves contoso: the address now leads to fabrikam only; a new address works at once.
    await store.upsert(organisation({ administrators: [admin('adm-1', 'jan.nowy@contoso.pl')] }));
    expect(await store.findAdministratorBySender('jan@contoso.pl')).toBeNull();
    expect(await store.findAdministratorBySender('jan.nowy@contoso.pl')).toMatchObject({ admin: { id: 'adm-1' } });
    expect(await store.findAdministratorBySender('ola@contoso.pl')).toMatchObject({ org: { id: 'fabrikam' }, admin: { id: 'fab-1' } });

    await store.delete('fabrikam');
    expect(await store.findAdministratorBySender('ola@contoso.pl')).toBeNull();
    // Nothing of the index outlives what it indexes.
    expect(await keysMatching(redis, keys.organisationsByAdminEmail(store.prefix, '*'))).toEqual([
      keys.organisationsByAdminEmail(store.prefix, 'jan.nowy@contoso.pl'),
    ]);
  });

  it('refuses a tenant id or a name that belongs to another organisation, and ids unfit for keys', async () => {
    await store.upsert(organisation({ name: 'Contoso', tenantId: 'tenant-1' }));

    const sameTenant = store.upsert(premier({ tenantId: 'tenant-1' }));
    await expect(sameTenant).rejects.toBeInstanceOf(ConflictError);
    await expect(sameTenant).rejects.toMatchObject({ code: 'tenant_taken' });
    await expect(store.upsert(premier({ name: 'CONTOSO', tenantId: 'tenant-2' }))).rejects.toMatchObject({ code: 'name_taken' });
    await expect(store.upsert(premier({ id: 'a:b' }))).rejects.toMatchObject({ code: 'invalid_organisation' });
    await expect(store.upsert(premier({ name: '  ' }))).rejects.toMatchObject({ code: 'invalid_organisation' });
    expect((await store.list()).map((o) => o.id)).toEqual(['contoso']);
  });
});
