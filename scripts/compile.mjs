#!/usr/bin/env node
// Compiles the extension's and the tests' TypeScript into out/ (tsc -p tsconfig.json) from an empty
// out/: a file moved or deleted in src/ or test/ leaves no compiled copy behind for mocha to find and
// run. Exits with tsc's code (tsc still emits JavaScript when it reports type errors).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
process.exit(tsc.status ?? 1);
