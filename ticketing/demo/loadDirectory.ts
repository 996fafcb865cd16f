import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import type { Logger } from '../../common/logger';
import type { Organisation } from '../domain/types';
import type { OrganisationStore } from '../store/organisationStore';
import { organisationSchema } from '../http/schemas';

/** The demo directory `npm start` loads when DIRECTORY_FILE is not set. */
export const DEMO_DIRECTORY_FILE = join(__dirname, 'directory.yaml');

const directorySchema = z
  .object({ organisations: z.array(organisationSchema).min(1, 'the directory lists no organisations') })
  .strict()
  .superRefine(({ organisations }, ctx) => {
    const seen = new Set<string>();
    organisations.forEach((org, i) => {
      if (seen.has(org.id))
        ctx.addIssue({ code: 'custom', path: ['organisations', i, 'id'], message: `organisation ${org.id} is listed twice` });
      seen.add(org.id);
    });
  });

/**
 * Reads a directory of organisations (YAML or JSON: `{organisations: [...]}`), validates all of
 * it before writing anything, then creates or replaces each organisation. Every error names the
 * file and the field. Returns the organisations loaded.
 */
export async function loadDirectory(file: string, organisations: OrganisationStore): Promise<Organisation[]> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`directory ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const result = directorySchema.safeParse(data);
  if (!result.success) throw new Error(`directory ${file}: ${describeZodError(result.error)}`);
  const orgs: Organisation[] = result.data.organisations;
  for (const org of orgs) {
    try {
      await organisations.upsert(org);
    } catch (err) {
      throw new Error(`directory ${file}: organisation ${org.id}: ${(err as Error).message}`);
    }
  }
  return orgs;
}

/**
 * The directory of a start: DIRECTORY_FILE when set; `DIRECTORY_FILE=none` loads nothing (the
 * operator manages organisations through the API); unset, the demo directory, except in
 * production, where demo organisations have no place.
 */
export async function loadStartupDirectory(
  config: { directoryFile?: string; production: boolean },
  organisations: OrganisationStore,
  logger: Logger,
): Promise<Organisation[]> {
  const configured = config.directoryFile;
  if (configured === 'none' || (!configured && config.production)) {
    logger.info('no directory file loaded: organisations come from the operator API');
    return [];
  }
  const file = configured || DEMO_DIRECTORY_FILE;
  const orgs = await loadDirectory(file, organisations);
  const what = configured ? 'directory loaded from DIRECTORY_FILE' : 'demo directory loaded (set DIRECTORY_FILE to load your own, or none)';
  logger.info({ file, organisations: orgs.map((o) => o.id) }, what);
  return orgs;
}
