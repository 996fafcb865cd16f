import { CATEGORIES, type Category, ID_PATTERN } from '../../domain/types';
import type { Principal } from '../tokens';

/** Which ID-token claims say who a person is, what they may do and which queues they work. */
export interface ClaimMapping {
  /** The person's id in ticket histories (OIDC_ID_CLAIM); an e-mail style value keeps the part before "@". */
  idClaim: string;
  /** A string or a list of strings (OIDC_ROLE_CLAIM: Entra ID app roles are `roles`). */
  roleClaim: string;
  /** Values of the role claim that make an agent, and a supervisor (a supervisor value wins). */
  agentRoles: string[];
  supervisorRoles: string[];
  /** A list of categories (or one string, comma separated) the person is skilled for (OIDC_SKILLS_CLAIM). */
  skillsClaim: string;
}

/**
 * The desk's principal for a signed-in person, or why they may not use the console. A supervisor
 * without a skills claim is skilled for every category; an agent without one for none (they can
 * still read, and answer tickets assigned to them).
 */
export function personFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): Principal | { refused: string } {
  const raw = stringOf(claims[mapping.idClaim]) ?? stringOf(claims.sub);
  const id = raw && !ID_PATTERN.test(raw) ? raw.split('@')[0] : raw;
  if (!id || !ID_PATTERN.test(id)) return { refused: `the ${mapping.idClaim} claim is missing or not a usable id` };
  const roles = listOf(claims[mapping.roleClaim]);
  const role = roles.some((r) => mapping.supervisorRoles.includes(r))
    ? 'supervisor'
    : roles.some((r) => mapping.agentRoles.includes(r))
      ? 'agent'
      : null;
  if (!role) return { refused: `${id} has no desk role (claim ${mapping.roleClaim}: ${roles.join(', ') || 'none'})` };
  const named = mapping.skillsClaim in claims;
  const skills = listOf(claims[mapping.skillsClaim]).filter((s): s is Category => (CATEGORIES as readonly string[]).includes(s));
  const name = stringOf(claims.name) ?? id;
  return { id, role, name, skills: role === 'supervisor' && !named ? [...CATEGORIES] : skills };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}
