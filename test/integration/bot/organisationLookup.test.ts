import { findOrganisationNamed, matchOrganisationIn, matchOrganisationNamed } from '../../../ticketing/store/organisationLookup';
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
  await store.upsert(org('fabrikam-sa', 'Fabrikam S.A.'));
  await store.upsert(org('adatum', 'Adatum Corporation Sp. z o.o.'));
  await store.upsert(org('adventure', 'Adventure Works GmbH'));
  await store.upsert(org('adventure-pl', 'Adventure Worx Sp. z o.o.'));
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
    expect(await findOrganisationNamed(store, 'Tailspin')).toBeNull();
    expect(await findOrganisationNamed(store, '   ')).toBeNull();
  });

  it('whatever the case, punctuation and legal form', async () => {
    for (const typed of ['fabrikam sa', 'Fabrikam', 'fabrikam s.a.', 'FABRIKAM S. A.', 'Fabrikam SA.'])
      expect((await findOrganisationNamed(store, typed))?.id).toBe('fabrikam-sa');
    expect((await findOrganisationNamed(store, 'adatum corporation spzoo'))?.id).toBe('adatum');
    expect((await findOrganisationNamed(store, 'Łódzkie Wodociągi sp.z o.o.'))?.id).toBe('lodz');
  });

  it('with a typo or two, within reason', async () => {
    expect((await findOrganisationNamed(store, 'Fabrikm'))?.id).toBe('fabrikam-sa');
    expect((await findOrganisationNamed(store, 'fabirkam s.a.'))?.id).toBe('fabrikam-sa');
    expect((await findOrganisationNamed(store, 'Adatum Corporaton'))?.id).toBe('adatum');
    expect((await findOrganisationNamed(store, 'Lodzkie Wodociagy'))?.id).toBe('lodz');
    // A first letter people confuse ("k" for "c"), within the same one typo.
    expect((await findOrganisationNamed(store, 'Kontoso'))?.id).toBe('contoso');
    expect((await findOrganisationNamed(store, 'kontoso sp. z o.o.'))?.id).toBe('contoso');
    expect(await findOrganisationNamed(store, 'Kontozo')).toBeNull();
    // Too far, or too short to guess at.
    expect(await findOrganisationNamed(store, 'Fbrkm')).toBeNull();
    expect(await findOrganisationNamed(store, 'Cnts')).toBeNull();
  });

  it('says when two organisations fit equally, so the person can be asked', async () => {
    expect(await matchOrganisationNamed(store, 'Northwind')).toEqual({ ambiguous: [expect.anything(), expect.anything()] });
    const adventure = await matchOrganisationNamed(store, 'Adventure Works');
    expect(adventure).toEqual({ found: expect.objectContaining({ id: 'adventure' }) });
    const typo = await matchOrganisationNamed(store, 'Adventure Work');
    expect(typo && 'ambiguous' in typo ? typo.ambiguous.map((o) => o.id).sort() : typo).toEqual(['adventure', 'adventure-pl']);
  });

  it('in a sentence that says more than the name', async () => {
    for (const text of [
      'firma Contoso',
      'Dzień dobry, organizacja to Contoso.',
      'pracuję w contoso, jestem adminem',
      'Identyfikator: contoso',
      'Contoso spółka z ograniczoną odpowiedzialnością',
      "contoso - I'm the IT admin there",
      'company name is contoso',
    ]) {
      const match = await matchOrganisationIn(store, text);
      expect([text, match && 'found' in match ? match.found.id : match]).toEqual([text, 'contoso']);
    }
    // Nothing named, or the name of no customer: nothing found, whatever the words around it.
    expect(await matchOrganisationIn(store, 'nie wiem, muszę sprawdzić')).toBeNull();
    expect(await matchOrganisationIn(store, 'pracuję w Wingtip Toys, jestem adminem')).toBeNull();
    // Ambiguous as a whole stays ambiguous: the person is asked for the full name.
    expect(await matchOrganisationIn(store, 'northwind')).toEqual({ ambiguous: expect.any(Array) });
  });
});
