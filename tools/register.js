// Runs TypeScript sources directly (services, scripts, benchmarks) with swc, resolving the
// workspace path aliases of tsconfig.base.json. Decorator metadata is kept for Nest DI.
const path = require('node:path');
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
