// A minimal stand-in for the `vscode` module, enough to load and drive extension code in plain Node
// (the sessions tree provider; the activation proxy). The classes the tree uses hold their fields like
// VS Code's do; every other name of the API (read from @types/vscode, so that esbuild's CommonJS
// interop copies it) is an inert proxy that can be called, constructed and read from.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (listener, thisArg) => { const fn = thisArg ? listener.bind(thisArg) : listener; this.listeners.add(fn); return { dispose: () => this.listeners.delete(fn) }; }; }
  fire(value) { for (const fn of [...this.listeners]) fn(value); }
  dispose() { this.listeners.clear(); }
}
class Disposable { constructor(fn) { this.fn = fn; } static from(...items) { return new Disposable(() => items.forEach((d) => d.dispose())); } dispose() { this.fn?.(); } }
const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
class TreeItem { constructor(label, collapsibleState = 0) { this.label = label; this.collapsibleState = collapsibleState; } }
class ThemeColor { constructor(id) { this.id = id; } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class MarkdownString {
  constructor(value = '', supportThemeIcons = false) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
  appendMarkdown(text) { this.value += text; return this; }
  appendText(text) { this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&'); return this; }
  appendCodeblock(code, language = '') { this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`; return this; }
}
class Uri {
  constructor(value) { this.value = value; const u = new URL(value); this.scheme = u.protocol.slice(0, -1); this.path = decodeURIComponent(u.pathname); this.fsPath = this.path; }
  static parse(value) { return new Uri(value); }
  static file(p) { return new Uri(`file://${p}`); }
  static joinPath(base, ...parts) { return new Uri(`${String(base).replace(/\/$/, '')}/${parts.join('/')}`); }
  static from(c) { return new Uri(`${c.scheme}:${c.path ?? ''}`); }
  with() { return this; }
  toString() { return this.value; }
}

/** Anything: callable, constructible, every property is another inert value; awaits to undefined. */
const inert = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? function* () {} : inert),
  apply: () => inert,
  construct: () => inert,
  set: () => true,
  defineProperty: () => true,
});

/** An object with some real members; everything else inert. */
const partial = (members) => new Proxy(members, { get: (t, key) => (key in t ? t[key] : key === 'then' ? undefined : inert) });
const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
const workspace = partial({ getConfiguration: () => configuration, textDocuments: [], workspaceFolders: undefined, isTrusted: true });
const ExtensionMode = { Production: 1, Development: 2, Test: 3 };

const known = { workspace, ExtensionMode, EventEmitter, Disposable, TreeItemCollapsibleState, TreeItem, ThemeColor, ThemeIcon, MarkdownString, Uri, version: '1.139.0' };
let names = [];
try {
  const dts = fs.readFileSync(path.join(__dirname, '../../node_modules/@types/vscode/index.d.ts'), 'utf8');
  names = [...new Set([...dts.matchAll(/^\s{0,4}export (?:namespace|class|enum|const|function|let) ([A-Za-z_]+)/gm)].map((m) => m[1]))];
} catch { /* only the known names then */ }
const all = { ...Object.fromEntries(names.map((n) => [n, inert])), ...known };
module.exports = all;
