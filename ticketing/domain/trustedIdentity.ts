import type { Administrator, Organisation } from './types';

/** Who the channel says is writing (from the activity: channelId, from.id, from.aadObjectId, tenant). */
export interface ChatUser {
  channelId: string;
  userId: string;
  aadObjectId?: string;
  tenantId?: string;
}

/**
 * The administrator a chat identity is already trusted for, or null when the person must verify
 * with a PIN. In Teams the identity is the AAD object id, and only within the organisation's own
 * tenant (the same object id in another tenant is someone else). On other channels the profile
 * must list the exact channel and user id; web chat user ids are only as trustworthy as the
 * token that binds them, so profiles should list them only when the token does.
 */
export function findTrustedAdministrator(org: Organisation, user: ChatUser): Administrator | null {
  if (user.channelId === 'msteams') {
    if (!user.aadObjectId || !org.tenantId || user.tenantId !== org.tenantId) return null;
    return findAdmin(
      org,
      (identity) =>
        identity.channel === 'msteams' &&
        identity.id === user.aadObjectId &&
        (identity.tenantId === undefined || identity.tenantId === org.tenantId),
    );
  }
  return findAdmin(org, (identity) => identity.channel === user.channelId && identity.id === user.userId);
}

/** The administrator registered with this e-mail address (case and surrounding spaces ignored). */
export function findAdministratorByEmail(org: Organisation, email: string): Administrator | null {
  const wanted = normaliseEmail(email);
  return org.administrators.find((admin) => admin.email !== undefined && normaliseEmail(admin.email) === wanted) ?? null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function findAdmin(org: Organisation, matches: (identity: Administrator['chatIdentities'][number]) => boolean): Administrator | null {
  return org.administrators.find((admin) => admin.chatIdentities.some(matches)) ?? null;
}
