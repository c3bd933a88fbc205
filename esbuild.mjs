// Bundles the extension (and, when present, the webview script) with esbuild; the webview build also
// copies the codicon font it uses into media/dist/.
//   node esbuild.mjs             development build with sourcemaps
//   node esbuild.mjs --production minified release build
//   node esbuild.mjs --watch      rebuild on change
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * undici carries its HTTP parser twice, as WebAssembly with and without SIMD (72 KB each). Every
 * platform VS Code runs on (x64, arm64; Node >= 20) has wasm SIMD, so the plain build is left out;
 * should SIMD ever fail, undici's fallback require throws this message instead of parsing. HTTP/2
 * support, which the client never enables, and fetch's body code, which only a FormData request body
 * reaches, are left out the same way.
 * @type {esbuild.Plugin}
 */
const undiciTrimmed = {
  name: 'undici-trimmed',
  setup(build) {
    build.onResolve({ filter: /llhttp\/llhttp-wasm\.js$/ }, () => ({ path: 'llhttp-wasm', namespace: 'undici-trimmed' }));
    build.onLoad({ filter: /^llhttp-wasm$/, namespace: 'undici-trimmed' }, () => ({
      contents: "throw new Error('This build of undici needs WebAssembly SIMD, which this runtime lacks.');",
      loader: 'js',
    }));
    // HTTP/2 is only used when a dispatcher opts in with allowH2, which ours never does.
    build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      /undici[\\/]lib[\\/]dispatcher/.test(args.importer) ? { path: 'client-h2', namespace: 'undici-trimmed' } : undefined);
    build.onLoad({ filter: /^client-h2$/, namespace: 'undici-trimmed' }, () => ({
      contents: "module.exports = function connectH2() { throw new Error('HTTP/2 is not bundled; the client speaks HTTP/1.1.'); };",
      loader: 'js',
    }));
    // SOCKS5, experimental in undici, is only reached for a socks:// proxy, which the client refuses with a
    // message before any request (core/proxy.ts): it accepts http:// and https:// proxies.
    build.onResolve({ filter: /^\.\/socks5-proxy-agent$/ }, (args) =>
      /undici[\\/]lib[\\/]dispatcher[\\/]proxy-agent\.js$/.test(args.importer) ? { path: 'socks5-proxy-agent', namespace: 'undici-trimmed' } : undefined);
    build.onLoad({ filter: /^socks5-proxy-agent$/, namespace: 'undici-trimmed' }, () => ({
      contents: "module.exports = class Socks5ProxyAgent { constructor() { throw new Error('SOCKS proxies are not bundled; use an http:// or https:// proxy.'); } };",
      loader: 'js',
    }));
    // fetch's body code (with WebIDL, FormData and data: URLs, about 40 KB) is only reached for a FormData
    // request body; the client sends JSON text.
    build.onResolve({ filter: /^\.\.\/web\/fetch\/body\.js$/ }, (args) =>
      /undici[\\/]lib[\\/]dispatcher[\\/]client-h1\.js$/.test(args.importer) ? { path: 'fetch-body', namespace: 'undici-trimmed' } : undefined);
    build.onLoad({ filter: /^fetch-body$/, namespace: 'undici-trimmed' }, () => ({
      contents: "exports.extractBody = function extractBody() { throw new Error('FormData request bodies are not bundled; the client sends JSON.'); };",
      loader: 'js',
    }));
  },
};

/** What media/dist/ gets from @vscode/codicons (codicon.css loads codicon.ttf by a relative URL). */
const CODICON_FILES = ['codicon.css', 'codicon.ttf'];

/**
 * The webview's icon font: @vscode/codicons' stylesheet and font, copied next to the bundle on every
 * build (watch rebuilds included), since the packaged extension has no node_modules. Resolved from this
 * file, not the working folder: scripts/package.mjs runs the production build in a stage without
 * node_modules.
 * @type {esbuild.Plugin}
 */
const codiconAssets = {
  name: 'codicon-assets',
  setup(build) {
    const from = path.dirname(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'));
    const to = path.dirname(build.initialOptions.outfile);
    build.onEnd(() => {
      fs.mkdirSync(to, { recursive: true });
      for (const file of CODICON_FILES) fs.copyFileSync(path.join(from, file), path.join(to, file));
    });
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/main.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [undiciTrimmed],
    sourcemap: production ? false : 'linked',
    minify: production,
    metafile: true,
    logLevel: 'warning',
  },
];
if (fs.existsSync('src/webview/main.ts')) {
  builds.push({
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/dist/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    plugins: [codiconAssets],
    logLevel: 'warning',
  });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context({ ...options, logLevel: 'info' });
    await ctx.watch();
  }
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const [i, result] of results.entries()) {
    const out = builds[i].outfile;
    const bytes = fs.statSync(out).size;
    console.log(`[esbuild] ${out} ${(bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
    void result;
  }
  if (builds.some((options) => options.plugins?.includes(codiconAssets))) {
    for (const file of CODICON_FILES) {
      const out = path.join('media', 'dist', file);
      console.log(`[esbuild] ${out} ${(fs.statSync(out).size / 1024).toFixed(1)} KiB (from @vscode/codicons)`);
    }
  }
}
