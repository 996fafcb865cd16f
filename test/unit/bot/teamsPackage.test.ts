import JSZip from 'jszip';
import { inflateSync } from 'zlib';
import { buildTeamsPackage } from '../../../bot/teams/appPackage';
import { loadTeamsPackageConfig } from '../../../common/config';
import { nth } from '../../support/nth';

const APP_ID = '3f2a7c1e-0000-4000-8000-000000000001';

/** Width, height and the RGBA pixels of a PNG written by our encoder (filter 0 rows). */
function decodePng(png: Buffer): { width: number; height: number; alpha: (x: number, y: number) => number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  return { width, height, alpha: (x, y) => nth(raw, y * (1 + width * 4) + 1 + x * 4 + 3) };
}

describe('Teams app package', () => {
  it('holds a manifest for the configured bot in personal and team scopes, its English texts and two icons', async () => {
    const zip = await JSZip.loadAsync(
      await buildTeamsPackage(loadTeamsPackageConfig({ MicrosoftAppId: APP_ID, TEAMS_APP_VERSION: '1.2.0' })),
    );
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({
      manifestVersion: '1.16',
      version: '1.2.0',
      id: APP_ID,
      icons: { color: 'color.png', outline: 'outline.png' },
      bots: [{ botId: APP_ID, scopes: ['personal', 'team'] }],
      name: { short: 'Pomoc techniczna' },
    });
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'pomoc',
      'rozmowa z człowiekiem',
      'moje zgłoszenia',
    ]);
    const english = JSON.parse(await zip.file('en-us.json')!.async('string'));
    expect(english['name.short']).toBe('Support desk');

    const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Teams wants the outline icon on a transparent background.
    expect(outline.alpha(0, 0)).toBe(0);
    expect(outline.alpha(16, 7)).toBe(255);
  });

  it('refuses to build without the bot id, or with placeholders that are not https', () => {
    expect(() => loadTeamsPackageConfig({})).toThrow(/MicrosoftAppId: is required/);
    expect(() => loadTeamsPackageConfig({ MicrosoftAppId: 'my-bot' })).toThrow(
      /MicrosoftAppId: must be the Azure Bot registration's app id/,
    );
    expect(() => loadTeamsPackageConfig({ MicrosoftAppId: APP_ID, TEAMS_PRIVACY_URL: 'http://example.com/p' })).toThrow(
      /TEAMS_PRIVACY_URL: must be an https URL/,
    );
  });
});
