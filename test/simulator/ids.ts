import { randomBytes } from 'node:crypto';

// Base58 keeps ids free of look-alike characters, like the API's own ids.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Random tail in the style of `sesn_011CZkZAtmR3yMPDzynEDxu7` (prefix + `011C` + 20 characters). */
function tail(): string {
  const bytes = randomBytes(20);
  let out = '011C';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export type IdKind = 'session' | 'event' | 'agent' | 'environment' | 'thread' | 'outcome' | 'resource' | 'request' | 'file';

const PREFIX: Record<IdKind, string> = {
  session: 'sesn_',
  event: 'sevt_',
  agent: 'agent_',
  environment: 'env_',
  thread: 'sthr_',
  outcome: 'outc_',
  resource: 'sesrsc_',
  request: 'req_',
  file: 'file_',
};

export function newId(kind: IdKind): string {
  return PREFIX[kind] + tail();
}
