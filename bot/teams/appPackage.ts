import JSZip from 'jszip';
import { COLOR_ICON, ENGLISH_FILE, OUTLINE_ICON, englishLocalisation, teamsManifest } from './manifest';
import type { TeamsPackageConfig } from '../../common/config';
import { colorIcon, outlineIcon } from './icons';

/** The Teams app package: manifest.json, its English localisation and the two icons, zipped flat. */
export async function buildTeamsPackage(settings: TeamsPackageConfig): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(teamsManifest(settings), null, 2)}\n`);
  zip.file(ENGLISH_FILE, `${JSON.stringify(englishLocalisation(), null, 2)}\n`);
  zip.file(COLOR_ICON, colorIcon());
  zip.file(OUTLINE_ICON, outlineIcon());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
