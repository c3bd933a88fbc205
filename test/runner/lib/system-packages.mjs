// Makes sure the Debian packages the harness needs are present. A fresh CI machine (we run as root
// there) gets them with apt-get; elsewhere we stop with a message that says what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeLogger } from './util.mjs';

const log = makeLogger('system');

const onPath = (command) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));

/** What each layer needs: a check, the Debian package that satisfies it, and why we need it. */
export const REQUIREMENTS = {
  chromium: {
    debianPackage: 'chromium',
    present: () => fs.existsSync(chromiumPath()),
    why: 'the headless browser that runs the VS Code workbench (driven by playwright-core)',
  },
  krb5Headers: {
    debianPackage: 'libkrb5-dev',
    present: () => fs.existsSync('/usr/include/gssapi/gssapi.h'),
    why: "gssapi.h, needed to build code-server's native module 'kerberos'",
  },
  cxxCompiler: {
    debianPackage: 'g++',
    present: () => onPath('g++'),
    why: "C++ compiler for code-server's native modules (node-gyp)",
  },
  make: {
    debianPackage: 'make',
    present: () => onPath('make'),
    why: "build tool for code-server's native modules (node-gyp)",
  },
  python3: {
    debianPackage: 'python3',
    present: () => onPath('python3'),
    why: 'node-gyp runs gyp with Python 3',
  },
};

/** Chromium executable: $CHROMIUM when set, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/**
 * Install whatever of `names` (keys of REQUIREMENTS) is missing, or throw saying what to install.
 * Set MANAGED_AGENTS_NO_APT=1 to forbid apt-get (then it only reports).
 */
export function ensureSystemPackages(names) {
  const missing = names.map((n) => REQUIREMENTS[n]).filter((r) => !r.present());
  if (!missing.length) return;
  const packages = [...new Set(missing.map((r) => r.debianPackage))];
  const reasons = missing.map((r) => `  - ${r.debianPackage}: ${r.why}`).join('\n');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canApt = isRoot && onPath('apt-get') && process.env.MANAGED_AGENTS_NO_APT !== '1';
  if (!canApt) {
    throw new Error(
      `missing system packages:\n${reasons}\n` +
        `Install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
        '(As root on a Debian/Ubuntu CI machine the harness does this itself unless MANAGED_AGENTS_NO_APT=1.)',
    );
  }
  log.info(`installing Debian packages with apt-get because they are missing:\n${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    log.info(`apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args[0]} failed (exit ${result.status}); install by hand: apt-get install -y ${packages.join(' ')}`);
    }
  }
  const stillMissing = missing.filter((r) => !r.present());
  if (stillMissing.length) {
    throw new Error(`apt-get finished but these are still missing: ${stillMissing.map((r) => r.debianPackage).join(', ')}`);
  }
}
