import type { Organisation } from '../../../ticketing/domain/types';
import { findAdministratorByEmail, findTrustedAdministrator } from '../../../ticketing/domain/trustedIdentity';

const org: Organisation = {
  id: 'contoso',
  name: 'Contoso',
  tenantId: 'tenant-contoso',
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [
    {
      id: 'jan',
      name: 'Jan Kowalski',
      email: 'Jan.Kowalski@contoso.pl',
      phone: '+48 601 234 123',
      chatIdentities: [{ channel: 'msteams', id: 'aad-jan', tenantId: 'tenant-contoso' }],
    },
    { id: 'ewa', name: 'Ewa Nowak', email: 'ewa@contoso.pl', chatIdentities: [{ channel: 'webchat', id: 'web-ewa' }] },
  ],
};

describe('findTrustedAdministrator', () => {
  it('trusts a Teams user by AAD object id within the organisation tenant', () => {
    const admin = findTrustedAdministrator(org, {
      channelId: 'msteams',
      userId: '29:x',
      aadObjectId: 'aad-jan',
      tenantId: 'tenant-contoso',
    });
    expect(admin?.id).toBe('jan');
  });

  it('does not trust the same object id from another tenant, or without a tenant', () => {
    expect(
      findTrustedAdministrator(org, { channelId: 'msteams', userId: '29:x', aadObjectId: 'aad-jan', tenantId: 'tenant-evil' }),
    ).toBeNull();
    expect(findTrustedAdministrator(org, { channelId: 'msteams', userId: '29:x', aadObjectId: 'aad-jan' })).toBeNull();
  });

  it('does not trust a Teams user whose Teams user id merely equals a registered id', () => {
    expect(findTrustedAdministrator(org, { channelId: 'msteams', userId: 'aad-jan', tenantId: 'tenant-contoso' })).toBeNull();
  });

  it('does not trust Teams users of an organisation without a tenant', () => {
    const noTenant = { ...org, tenantId: undefined };
    expect(
      findTrustedAdministrator(noTenant, { channelId: 'msteams', userId: '29:x', aadObjectId: 'aad-jan', tenantId: 'tenant-contoso' }),
    ).toBeNull();
  });

  it('trusts other channels only for the exact channel and user id listed', () => {
    expect(findTrustedAdministrator(org, { channelId: 'webchat', userId: 'web-ewa' })?.id).toBe('ewa');
    expect(findTrustedAdministrator(org, { channelId: 'directline', userId: 'web-ewa' })).toBeNull();
    expect(findTrustedAdministrator(org, { channelId: 'webchat', userId: 'aad-jan' })).toBeNull();
  });
});

describe('findAdministratorByEmail', () => {
  it('ignores case and surrounding spaces', () => {
    expect(findAdministratorByEmail(org, '  jan.kowalski@CONTOSO.pl ')?.id).toBe('jan');
  });

  it('finds nobody for an unregistered address', () => {
    expect(findAdministratorByEmail(org, 'jan.kowalski@contoso.com')).toBeNull();
  });
});
