import { mkdirSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { loadTeamsPackageConfig } from '../../common/config';
import { buildTeamsPackage } from './appPackage';

/** npm run teams:package: writes the Teams app package (default dist/teams/support-desk.zip). */
async function main(): Promise<void> {
  const settings = loadTeamsPackageConfig(process.env);
  const out = resolve(settings.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildTeamsPackage(settings));
  process.stdout.write(`Teams app package for bot ${settings.appId} written to ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
