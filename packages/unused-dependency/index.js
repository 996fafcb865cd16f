'use strict';

// Installed in place of packages the support desk never loads (see README.md): reaching one means a
// new import pulled in code we chose not to ship.
throw new Error(
  'This package is replaced by packages/unused-dependency because the support desk does not use it; ' +
    'see packages/unused-dependency/README.md before bringing it back.',
);
