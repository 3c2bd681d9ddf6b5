// Compiles the TypeScript a bench-only Nest app loads with swc, as the tests do (.swcrc).
// tsx (esbuild) does not emit decorator metadata, and without it Nest cannot inject by type and
// the validation pipe never learns which request class a body is, so it would validate nothing.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));

// The libraries' aliases, as tsconfig.json and jest.config.js map them.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@actionplans\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? join(root, 'libs', alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, swcrc: false, filename });
  module._compile(code, filename);
};
