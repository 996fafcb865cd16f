import type { RedisClient } from '../../common/redisConnection';
import { foldPhrase } from '../../common/text';
import { findAdministratorByEmail, normaliseEmail } from '../domain/trustedIdentity';
import { DomainError, ID_PATTERN, type Administrator, type Organisation } from '../domain/types';
import { ConflictError } from './errors';
import { keys } from './keys';
import { ScriptedRedis, withScripts } from './scripts';

/** The directory's read-only queries: what the conversation may ask about organisations. */
export type OrganisationDirectory = Pick<OrganisationStore, 'get' | 'list' | 'findByTenant' | 'findOrganisation' | 'namesStartingWith'>;

/**
 * Organisations and their administrators: org:{id} is a hash {json, tenant, name, emails} with the
 * lookups org-by-tenant:{tenantId}, org-by-name:{folded name} and org-by-admin-email:{address},
 * and the names index orgs:names (`<folded name>\t<id>`, for pages by name and names by their
 * start), kept beside it by one script. A tenant id and a folded name each belong to one
 * organisation at most; an address may be an administrator's in several.
 */
export class OrganisationStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    readonly prefix: string,
  ) {
    this.redis = withScripts(redis);
  }

  /** Creates or replaces an organisation. Throws ConflictError when its tenant id or name belongs to another one. */
  async upsert(org: Organisation): Promise<{ created: boolean }> {
    if (!ID_PATTERN.test(org.id))
      throw new DomainError('invalid_organisation', `organisation id "${org.id}" must be letters, digits, '.', '_' or '-' (at most 100)`);
    const name = foldPhrase(org.name ?? '');
    if (!name) throw new DomainError('invalid_organisation', 'an organisation needs a name');
    const emails = [...new Set(org.administrators.flatMap((a) => (a.email ? [normaliseEmail(a.email)] : [])))].filter(
      (email) => email && !email.includes('\n'),
    );
    const written = { tenant: org.tenantId ?? '', name, emails };
    let reply: [string, string | number];
    do {
      const read = await this.lookups(org.id);
      reply = (await this.redis.deskUpsertOrganisation(
        ...this.lookupKeys(org.id, [read, written]),
        keys.directory(this.prefix),
        org.id,
        JSON.stringify(org),
        written.tenant,
        name,
        emails.join('\n'),
        seenOf(read),
      )) as [string, string | number];
    } while (reply[0] === 'changed');
    if (reply[0] === 'tenant_taken')
      throw new ConflictError('tenant_taken', `tenant ${org.tenantId} already belongs to organisation ${reply[1]}`);
    if (reply[0] === 'name_taken')
      throw new ConflictError('name_taken', `the name "${org.name}" already belongs to organisation ${reply[1]}`);
    return { created: reply[1] === 1 };
  }

  async get(id: string): Promise<Organisation | null> {
    const json = await this.redis.hget(keys.organisation(this.prefix, id), 'json');
    return json === null ? null : (JSON.parse(json) as Organisation);
  }

  /** Every organisation, by name. */
  async list(): Promise<Organisation[]> {
    const orgs = await this.getMany(await this.redis.smembers(keys.organisations(this.prefix)));
    return orgs.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
  }

  /** A page of the organisations by (folded) name, and how many there are. */
  async page(offset: number, limit: number): Promise<{ items: Organisation[]; total: number }> {
    const namesKey = keys.organisationNames(this.prefix);
    const [entries, total] = await Promise.all([this.redis.zrange(namesKey, offset, offset + limit - 1), this.redis.zcard(namesKey)]);
    return { items: await this.getMany(entries.map(idOfNameEntry)), total };
  }

  /**
   * Up to `limit` organisations whose folded name starts with `start` followed by a space (the
   * rest of a name: "contoso" finds "contoso sp. z o.o."), by name: one range of the names index.
   */
  async startingWith(start: string, limit: number): Promise<Organisation[]> {
    const from = `${start} `;
    // Every name starting with "<start> " sorts before "<start>!" (the next character after the space).
    const entries = await this.redis.zrangebylex(keys.organisationNames(this.prefix), `[${from}`, `(${start}!`, 'LIMIT', 0, limit);
    return this.getMany(entries.map(idOfNameEntry));
  }

  /**
   * Up to `limit` (folded) names that start with `start`, whatever follows, with their ids, by
   * name: one range of the names index, no organisation read (the chat's forgiving lookup).
   */
  async namesStartingWith(start: string, limit: number): Promise<{ name: string; id: string }[]> {
    const entries = await this.redis.zrangebylex(keys.organisationNames(this.prefix), `[${start}`, `[${start}\uffff`, 'LIMIT', 0, limit);
    return entries.map((entry) => ({ name: entry.slice(0, entry.lastIndexOf('\t')), id: idOfNameEntry(entry) }));
  }

  /**
   * Adds organisations stored before the names index existed to it. Cheap when there is nothing
   * to do (two counts); otherwise one script per organisation, each adding the name it holds.
   */
  async indexNames(): Promise<number> {
    const namesKey = keys.organisationNames(this.prefix);
    const [orgs, named] = await Promise.all([this.redis.scard(keys.organisations(this.prefix)), this.redis.zcard(namesKey)]);
    if (orgs === named) return 0;
    let added = 0;
    for (const id of await this.redis.smembers(keys.organisations(this.prefix)))
      added += Number(await this.redis.deskIndexOrganisationName(2, keys.organisation(this.prefix, id), namesKey, id));
    return added;
  }

  private async getMany(ids: string[]): Promise<Organisation[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(keys.organisation(this.prefix, id), 'json');
    return ((await pipeline.exec()) ?? []).flatMap(([err, json]) => {
      if (err) throw err;
      return typeof json === 'string' ? [JSON.parse(json) as Organisation] : [];
    });
  }

  /** Deletes an organisation (its tickets stay); false when there was none. */
  async delete(id: string): Promise<boolean> {
    for (;;) {
      const read = await this.lookups(id);
      if (!read) return false;
      const reply = await this.redis.deskDeleteOrganisation(...this.lookupKeys(id, [read]), keys.directory(this.prefix), id, seenOf(read));
      if (reply !== 'changed') return reply === 1;
    }
  }

  /** The lookups an organisation's record holds (null: no record), which its scripts must be handed. */
  private async lookups(id: string): Promise<Lookups | null> {
    const [tenant, name, emails] = await this.redis.hmget(keys.organisation(this.prefix, id), 'tenant', 'name', 'emails');
    return name ? { tenant: tenant ?? '', name, emails: emails ? emails.split('\n') : [] } : null;
  }

  /** The number of keys an organisation's scripts touch for these lookups, then the keys. */
  private lookupKeys(id: string, lookups: (Lookups | null)[]): string[] {
    const p = this.prefix;
    const touched = new Set([keys.organisation(p, id), keys.organisations(p), keys.organisationNames(p)]);
    for (const l of lookups) {
      if (!l) continue;
      if (l.tenant !== '') touched.add(keys.organisationByTenant(p, l.tenant));
      touched.add(keys.organisationByName(p, l.name));
      for (const email of l.emails) touched.add(keys.organisationsByAdminEmail(p, email));
    }
    return [String(touched.size), ...touched];
  }

  async findByTenant(tenantId: string): Promise<Organisation | null> {
    const id = await this.redis.get(keys.organisationByTenant(this.prefix, tenantId));
    return id === null ? null : this.get(id);
  }

  /** An organisation by its id, its tenant id, or its name (case and diacritics do not matter). */
  async findOrganisation(query: string): Promise<Organisation | null> {
    const q = query.trim();
    if (!q) return null;
    if (ID_PATTERN.test(q)) {
      const byId = await this.get(q);
      if (byId) return byId;
    }
    const byTenant = await this.findByTenant(q);
    if (byTenant) return byTenant;
    const id = await this.redis.get(keys.organisationByName(this.prefix, foldPhrase(q)));
    return id === null ? null : this.get(id);
  }

  /**
   * The administrator registered with an e-mail address, and their organisation, from the sender
   * index (one lookup, whatever the size of the directory). An address registered in several
   * organisations gives the first by name.
   */
  async findAdministratorBySender(email: string): Promise<{ org: Organisation; admin: Administrator } | null> {
    const ids = await this.redis.smembers(keys.organisationsByAdminEmail(this.prefix, normaliseEmail(email)));
    const found: { org: Organisation; admin: Administrator }[] = [];
    for (const org of await Promise.all(ids.map((id) => this.get(id)))) {
      const admin = org && findAdministratorByEmail(org, email);
      if (admin) found.push({ org, admin });
    }
    return found.sort((a, b) => a.org.name.localeCompare(b.org.name, 'pl'))[0] ?? null;
  }

  /** The administrator of an organisation registered with an e-mail address (case and surrounding spaces ignored). */
  async findAdministratorByEmail(orgId: string, email: string): Promise<Administrator | null> {
    const org = await this.get(orgId);
    return org ? findAdministratorByEmail(org, email) : null;
  }
}

function idOfNameEntry(entry: string): string {
  return entry.slice(entry.lastIndexOf('\t') + 1);
}

/** What an organisation's record says about its lookups (upsertOrganisation.lua). */
interface Lookups {
  tenant: string;
  name: string;
  emails: string[];
}

/** The lookups as read, as the scripts compare them ('' = no record). */
function seenOf(read: Lookups | null): string {
  return read ? [read.tenant, read.name, read.emails.join('\n')].join('\0') : '';
}
