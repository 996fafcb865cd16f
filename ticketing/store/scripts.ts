import { readFileSync } from 'fs';
import { join } from 'path';
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';

/**
 * The store's Lua scripts (./commands/*.lua), defined once per connection with ioredis'
 * defineCommand so they run by EVALSHA. Most take no KEYS: the key names are built from the
 * prefix, so the store needs a single Redis node (not a cluster). Scripts that declare their keys
 * say how many here.
 */
const SCRIPTS = {
  deskSaveTicket: 'saveTicket.lua',
  deskPeekQueues: 'peekQueues.lua',
  deskUpsertOrganisation: 'upsertOrganisation.lua',
  deskDeleteOrganisation: 'deleteOrganisation.lua',
  deskIndexStoredTicket: 'indexStoredTicket.lua',
  deskIndexOrganisationName: 'indexOrganisationName.lua',
  deskStoreSlaPolicy: 'storeSlaPolicy.lua',
  deskRetireTicket: 'retireTicket.lua',
  deskSearchTickets: 'searchTickets.lua',
} as const;
/** How many KEYS a script declares; 'first argument': the caller passes the count before the keys. */
const DECLARED_KEYS: Partial<Record<keyof typeof SCRIPTS, number | 'first argument'>> = {
  deskIndexStoredTicket: 'first argument',
  deskIndexOrganisationName: 2,
  deskRetireTicket: 'first argument',
  deskSearchTickets: 'first argument',
};

function numberOfKeys(name: ScriptName): number | undefined {
  const declared = DECLARED_KEYS[name] ?? 0;
  return declared === 'first argument' ? undefined : declared;
}

type ScriptName = keyof typeof SCRIPTS;
type Command = (...args: (string | number)[]) => Promise<unknown>;
export type ScriptedRedis = Redis & Record<ScriptName, Command>;
export type ScriptedPipeline = ChainableCommander & Record<ScriptName, (...args: (string | number)[]) => ScriptedPipeline>;

const sources = new Map<ScriptName, string>();

function source(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    lua = readFileSync(join(__dirname, 'commands', SCRIPTS[name]), 'utf8');
    sources.set(name, lua);
  }
  return lua;
}

export function withScripts(redis: Redis): ScriptedRedis {
  const scripted = redis as ScriptedRedis;
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
    if (typeof scripted[name] !== 'function') redis.defineCommand(name, { numberOfKeys: numberOfKeys(name), lua: source(name) });
  }
  return scripted;
}
