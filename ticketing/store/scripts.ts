import type { RedisClient } from '../../common/redisConnection';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ChainableCommander } from 'ioredis';

/**
 * The store's Lua scripts (./commands/*.lua), defined once per connection with ioredis'
 * defineCommand so they run by EVALSHA. Every script is handed its keys: the caller passes their
 * number, then the keys, then the arguments (a Redis Cluster routes a script by its keys);
 * declaredKeys.lua goes before each, for the scripts that build key names to check them.
 */
const SCRIPTS = {
  deskSaveTicket: 'saveTicket.lua',
  deskUpsertOrganisation: 'upsertOrganisation.lua',
  deskDeleteOrganisation: 'deleteOrganisation.lua',
  deskIndexStoredTicket: 'indexStoredTicket.lua',
  deskIndexOrganisationName: 'indexOrganisationName.lua',
  deskStoreSlaPolicy: 'storeSlaPolicy.lua',
  deskArchiveTicket: 'archiveTicket.lua',
  deskArchiveLease: 'archiveLease.lua',
  deskSearchTickets: 'searchTickets.lua',
  deskKeepAttachment: 'keepAttachment.lua',
  deskSweepAttachment: 'sweepAttachment.lua',
  deskStartSession: 'startSession.lua',
  deskEndSessions: 'endSessions.lua',
} as const;

type ScriptName = keyof typeof SCRIPTS;
type Command = (...args: (string | number)[]) => Promise<unknown>;
export type ScriptedRedis = RedisClient & Record<ScriptName, Command>;
export type ScriptedPipeline = ChainableCommander & Record<ScriptName, (...args: (string | number)[]) => ScriptedPipeline>;

const sources = new Map<ScriptName, string>();

function source(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    const read = (file: string) => readFileSync(join(__dirname, 'commands', file), 'utf8');
    lua = `${read('declaredKeys.lua')}\n${read(SCRIPTS[name])}`;
    sources.set(name, lua);
  }
  return lua;
}

export function withScripts(redis: RedisClient): ScriptedRedis {
  const scripted = redis as ScriptedRedis;
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
    if (typeof scripted[name] !== 'function') redis.defineCommand(name, { lua: source(name) });
  }
  return scripted;
}
