import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** An empty temporary directory for each test of the calling file, removed after it: `dir.path`. */
export function freshDirEachTest(name: string): { readonly path: string } {
  const dir = { path: '' };
  beforeEach(() => {
    dir.path = mkdtempSync(join(tmpdir(), `desk-${name}-`));
  });
  afterEach(() => rmSync(dir.path, { recursive: true, force: true }));
  return dir;
}
