// Jest's TypeScript transform (and the ES-module-only packages' one, see jest.config.js): esbuild (tsx's copy; the top-level one is an old one pulled in by
// botframework-webchat) strips the types file by file. Types are checked once, by `npm run typecheck`.
const { createHash } = require('crypto');
const { join } = require('path');
const esbuild = require(require.resolve('esbuild', { paths: [join(__dirname, '../../node_modules/tsx')] }));

const OPTIONS = {
  format: 'cjs',
  target: 'node20',
  // jest runs modules as CommonJS: import() becomes require(), as ts-jest did.
  supported: { 'dynamic-import': false },
  sourcemap: 'external',
};

module.exports = {
  process(source, path) {
    const loader = path.endsWith('.ts') ? 'ts' : 'js';
    const { code, map } = esbuild.transformSync(source, { ...OPTIONS, loader, sourcefile: path });
    return { code, map };
  },
  getCacheKey(source, path) {
    return createHash('sha1').update(esbuild.version).update(JSON.stringify(OPTIONS)).update(path).update(source).digest('hex');
  },
};
