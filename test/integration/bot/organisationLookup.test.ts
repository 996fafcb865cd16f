import { findOrganisationNamed } from '../../../ticketing/store/organisationLookup';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import type { Organisation } from '../../../ticketing/domain/types';
import { testRedis, uniquePrefix } from '../../support/redis';

const redis = testRedis();
const store = new OrganisationStore(redis, uniquePrefix('bot-org-lookup'));
const org = (id: string, name: string, tenantId?: string): Organisation => ({
  id,
  name,
  tenantId,
  timeZone: 'Europe/Warsaw',
  contract: 'standard',
  administrators: [],
});

beforeAll(async () => {
  await store.upsert(org('contoso', 'Contoso Sp. z o.o.', 'tenant-c'));
  await store.upsert(org('northwind-pl', 'Northwind Polska S.A.'));
  await store.upsert(org('northwind-de', 'Northwind Deutschland GmbH'));
  await store.upsert(org('lodz', 'Łódzkie Wodociągi Sp. z o.o.'));
});
afterAll(() => redis.disconnect());

describe('finding the organisation a person names', () => {
  it('by id in any case, tenant id, or full name', async () => {
    expect((await findOrganisationNamed(store, 'Contoso'))?.id).toBe('contoso');
    expect((await findOrganisationNamed(store, 'CONTOSO'))?.id).toBe('contoso');
    expect((await findOrganisationNamed(store, 'tenant-c'))?.id).toBe('contoso');
    expect((await findOrganisationNamed(store, 'contoso sp. z o.o.'))?.id).toBe('contoso');
  });

  it('by the start of a single name, without diacritics', async () => {
    expect((await findOrganisationNamed(store, 'Lodzkie Wodociagi'))?.id).toBe('lodz');
    expect((await findOrganisationNamed(store, 'Northwind Polska'))?.id).toBe('northwind-pl');
  });

  it('finds nothing for an ambiguous, too short or unknown name', async () => {
    expect(await findOrganisationNamed(store, 'Northwind')).toBeNull();
    expect(await findOrganisationNamed(store, 'Ło')).toBeNull();
    expect(await findOrganisationNamed(store, 'Fabrikam')).toBeNull();
    expect(await findOrganisationNamed(store, '   ')).toBeNull();
  });
});
