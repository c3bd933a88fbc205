// The bundle's entry. The extension host loads it as the extension; the stream thread (see
// api/core/streamThread.ts) loads the same file as its worker script, and then must not load the
// extension, which needs the `vscode` module only the extension host has. Requiring the stream
// thread's module is what starts it serving there.
/* eslint-disable @typescript-eslint/no-require-imports -- requires keep each side's modules unevaluated on the other */
const { isStreamThread } = require('./api/core/streamThread') as typeof import('./api/core/streamThread');
if (!isStreamThread()) module.exports = require('./extension') as typeof import('./extension');
