import { mkdirSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { buildTeamsPackage } from './appPackage';
import { teamsAppSettings } from './manifest';

/** npm run teams:package: writes the Teams app package (default dist/teams/support-desk.zip). */
async function main(): Promise<void> {
  const settings = teamsAppSettings(process.env);
  const out = resolve(process.env.TEAMS_PACKAGE_OUT || 'dist/teams/support-desk.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildTeamsPackage(settings));
  process.stdout.write(`Teams app package for bot ${settings.MicrosoftAppId} written to ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
