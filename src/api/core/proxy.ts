// Which way a request leaves the machine: straight to the server, or through a proxy, and why. Pure
// (no sockets, no undici), so both threads and the tests decide the same way.
//
// Precedence: the caller's options (the extension passes VS Code's http.* settings), then the
// environment as curl reads it: https_proxy / HTTPS_PROXY (then http_proxy / HTTP_PROXY) for https
// targets, http_proxy / HTTP_PROXY for http targets, all_proxy / ALL_PROXY for both; no_proxy /
// NO_PROXY and the caller's list exempt hosts. This machine's own addresses (localhost, 127.x, ::1)
// always go direct, as Go's clients do: no proxy can reach them (a local simulator, a gateway).
import { BlockList, isIP } from 'node:net';

/** How requests leave the machine, as the caller sets it. Every field is optional; none means "as the environment says". */
export interface NetworkOptions {
  /** The proxy for every request, e.g. `http://user:pass@proxy:3128`; empty or unset: the environment's. */
  proxy?: string;
  /** Where `proxy` comes from, said in the log and in messages (e.g. "http.proxy"). */
  proxySource?: string;
  /** More hosts that go direct, in NO_PROXY form (`host`, `.suffix`, `host:port`, `*`, an IP or CIDR). */
  noProxy?: readonly string[];
  /** Where `noProxy` comes from (e.g. "http.noProxy"). */
  noProxySource?: string;
  /** Sent to the proxy as `Proxy-Authorization` (instead of credentials in its URL). */
  proxyAuthorization?: string;
  /** False: certificates on connections through the proxy are not checked (a proxy that inspects TLS). Default true. */
  proxyStrictSSL?: boolean;
  /** False: no proxy at all, the environment's included. Default true. */
  useProxy?: boolean;
  /** Trust the operating system's certificate store too, where the runtime can read it (Node >= 22.15). Default true. */
  systemCertificates?: boolean;
  /** The environment to read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type Route =
  | { kind: 'direct'; why: 'none' | 'off' | 'loopback' | 'noProxy'; /** the entry that matched, and where it came from */ matched?: string; matchedSource?: string }
  | { kind: 'proxy'; /** with credentials: only ever handed to undici */ url: string; /** credentials hidden */ shown: string; source: string }
  /** A proxy is set but cannot be used (not a URL, or not http/https): requests fail with a message rather than go direct. */
  | { kind: 'unusable'; shown: string; source: string; problem: string };

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The route for a request to `target`. */
export function resolveRoute(target: URL, options: NetworkOptions = {}): Route {
  if (options.useProxy === false) return { kind: 'direct', why: 'off' };
  const env = options.env ?? process.env;
  const fromOptions = options.proxy?.trim();
  const chosen = fromOptions ? { value: fromOptions, source: options.proxySource ?? 'the proxy option' } : environmentProxy(target.protocol, env);
  if (!chosen) return { kind: 'direct', why: 'none' };
  if (isLoopback(target.hostname)) return { kind: 'direct', why: 'loopback' };
  const lists: [string, string][] = [];
  if (options.noProxy?.length) lists.push([options.noProxy.join(','), options.noProxySource ?? 'the noProxy option']);
  const envNoProxy = variable(env, 'no_proxy', 'NO_PROXY');
  if (envNoProxy) lists.push([envNoProxy.value, envNoProxy.name]);
  for (const [list, source] of lists) {
    const matched = noProxyMatch(target, list);
    if (matched !== undefined) return { kind: 'direct', why: 'noProxy', matched, matchedSource: source };
  }
  return proxyRoute(chosen.value, chosen.source);
}

/** What the log says: "direct", "proxy http://***@proxy:3128 (from http.proxy)", "direct (NO_PROXY matched .corp)". */
export function describeRoute(route: Route): string {
  switch (route.kind) {
    case 'direct':
      if (route.why === 'off') return 'direct (proxy support is off)';
      if (route.why === 'loopback') return 'direct (this machine)';
      if (route.why === 'noProxy') return `direct (${route.matchedSource} matched ${route.matched})`;
      return 'direct';
    case 'proxy':
      return `proxy ${route.shown} (from ${route.source})`;
    case 'unusable':
      return `nowhere: the proxy ${route.shown} (from ${route.source}) ${route.problem}`;
  }
}

/** A proxy URL fit for logs and messages: `http://***@host:port`, no path. Unparseable text is cut at any "@". */
export function showProxy(value: string): string {
  try {
    const url = new URL(withScheme(value));
    const credentials = url.username || url.password ? '***@' : '';
    return `${url.protocol}//${credentials}${url.host}`;
  } catch {
    const at = value.lastIndexOf('@');
    return at >= 0 ? `***@${value.slice(at + 1)}` : value;
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** The proxy the environment names for a target of this protocol, and the variable it came from. */
function environmentProxy(protocol: string, env: NetworkOptions['env'] & object): { value: string; source: string } | undefined {
  const found =
    protocol === 'https:'
      ? (variable(env, 'https_proxy', 'HTTPS_PROXY') ?? variable(env, 'http_proxy', 'HTTP_PROXY') ?? variable(env, 'all_proxy', 'ALL_PROXY'))
      : (variable(env, 'http_proxy', 'HTTP_PROXY') ?? variable(env, 'all_proxy', 'ALL_PROXY'));
  return found ? { value: found.value, source: found.name } : undefined;
}

/** The first of the names (lower case first, as curl reads them) set to something other than blanks. */
function variable(env: NetworkOptions['env'] & object, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function proxyRoute(value: string, source: string): Route {
  const shown = showProxy(value);
  let url: URL;
  try {
    url = new URL(withScheme(value));
  } catch {
    return { kind: 'unusable', shown, source, problem: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'unusable', shown, source, problem: `uses ${url.protocol.replace(/:$/, '')}, and only http:// and https:// proxies are supported` };
  }
  if (!url.hostname) return { kind: 'unusable', shown, source, problem: 'names no host' };
  return { kind: 'proxy', url: url.toString().replace(/\/$/, ''), shown, source };
}

/** curl takes a proxy without a scheme as http. */
function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}

/**
 * The entry of a NO_PROXY-style list that exempts `target`, if one does. As curl reads it: entries are
 * separated by commas or blanks; `*` matches every host; a name matches itself and its subdomains
 * (a leading `.` or `*.` is ignored, so `.corp.example` also matches `corp.example`); an IP address
 * matches itself or, with `/bits`, its network. An entry with `:port` (which curl does not read)
 * matches only that port, as wget, Go and undici read it.
 */
export function noProxyMatch(target: URL, list: string): string | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  const ipVersion = isIP(host);
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '*') return entry;
    const { name, entryPort } = splitPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (ipVersion) {
      if (ipMatches(host, ipVersion, name)) return entry;
      continue;
    }
    const domain = name.replace(/^\*?\./, '').replace(/\.$/, '').toLowerCase();
    if (domain && (host === domain || host.endsWith(`.${domain}`))) return entry;
  }
  return undefined;
}

function splitPort(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1], entryPort: bracketed[2] ? Number(bracketed[2]) : undefined };
  // An IPv6 address has several colons and no port unless bracketed.
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? { name: withPort[1], entryPort: Number(withPort[2]) } : { name: entry };
}

function ipMatches(host: string, version: number, entry: string): boolean {
  const [address, bits] = entry.split('/');
  if (isIP(address) !== version) return false;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  if (bits === undefined) {
    list.addAddress(address, family);
  } else {
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (version === 4 ? 32 : 128)) return false;
    list.addSubnet(address, prefix, family);
  }
  return list.check(host, family);
}
