'use strict';

// restify 11.1 requires 'spdy' when it loads but calls it only for the `spdy` server option, which
// the support desk never sets (see README.md).
exports.createServer = function createServer() {
  throw new Error(
    "restify's `spdy` option is not supported: spdy is replaced by packages/spdy-unsupported; " +
      'see packages/spdy-unsupported/README.md.',
  );
};
