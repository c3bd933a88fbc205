// Where the API key may go without asking: over https anywhere, or over plain http only to this
// machine (localhost, 127.0.0.0/8, ::1), e.g. the simulator or a local proxy. Pure (no vscode).

export type KeyDestination =
  | { readonly safe: true; readonly why: 'https' | 'loopback'; readonly origin: string }
  /** Plain http to another host: the key would cross the network unencrypted. */
  | { readonly safe: false; readonly origin: string; readonly host: string };

/**
 * True for names and addresses that always mean this machine: `localhost`, 127.0.0.0/8 and ::1.
 * Not `*.localhost` or `localhost.`: those are names a resolver may look up elsewhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (/^127(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((part) => Number(part) <= 255);
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped IPv6 loopback, as URL normalises it (::ffff:7f00:1).
  const mapped = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127(\.\d{1,3}){3}$/.test(host);
  return mapped;
}

/** Classifies a base URL; a URL that does not parse is treated as unsafe (nothing should be sent there). */
export function keyDestination(baseURL: string): KeyDestination {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return { safe: false, origin: baseURL, host: baseURL };
  }
  if (url.protocol === 'https:') return { safe: true, why: 'https', origin: url.origin };
  if (isLoopbackHost(url.hostname)) return { safe: true, why: 'loopback', origin: url.origin };
  return { safe: false, origin: url.origin, host: url.host };
}
