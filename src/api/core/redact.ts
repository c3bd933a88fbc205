// Keeps the API key out of everything the client hands back: a server or proxy may echo the
// Authorization header in an error body, and that text ends up in messages and the log.

export const REDACTED = '[redacted]';

/** `text` with every occurrence of `secret` replaced. Secrets shorter than 8 characters are left (they would match too much). */
export function redactText(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 8 || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/** A JSON value with the secret removed from every string in it (keys included). */
export function redactValue<T>(value: T, secret: string | undefined, depth = 0): T {
  if (!secret || secret.length < 8) return value;
  if (typeof value === 'string') return redactText(value, secret) as T;
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => redactValue(item, secret, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[redactText(key, secret)] = redactValue(item, secret, depth + 1);
  return out as T;
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Headers safe to log: the values of authorization, x-api-key, cookies replaced. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name.toLowerCase()) && value !== undefined ? REDACTED : value;
  return out;
}
