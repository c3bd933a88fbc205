// Text formatting for everything the user reads: the history's view model, header and export, the
// sessions tree's rows and tooltips, and notifications. Pure, so the webview bundles it and the host
// imports it alike: one formatter for each kind of value.
import type { MonetaryAmount } from '../api/resources/shared';
import type { Session } from '../api/resources/sessions/types';

/** 950 -> "950", 12_345 -> "12.3k", 4_200_000 -> "4.2M". */
export function formatCount(value: number | null | undefined): string {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  if (Math.abs(n) < 1000) return String(Math.round(n));
  if (Math.abs(n) < 1_000_000) return `${trimZero((n / 1000).toFixed(1))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(text: string): string {
  return text.replace(/\.0$/, '');
}

/**
 * An amount in minor units as money: `{ amount: "2534", currency: "USD" }` -> "$25.34", "-250" ->
 * "-$2.50", another currency -> "1234.56 EUR". Read digit by digit, so no amount loses precision;
 * "" when absent or malformed.
 */
export function formatMoney(money: MonetaryAmount | null | undefined): string {
  if (!money || typeof money.amount !== 'string' || !/^-?\d+$/.test(money.amount)) return '';
  const negative = money.amount.startsWith('-');
  const digits = money.amount.replace('-', '').padStart(3, '0');
  const value = `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
  const sign = negative ? '-' : '';
  return money.currency === 'USD' || !money.currency ? `${sign}$${value}` : `${sign}${value} ${String(money.currency)}`;
}

/** 0 -> "0s", 75 -> "1m 15s", 3725 -> "1h 2m". */
export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return `${trimZero(seconds.toFixed(1))}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Milliseconds between two ISO times, or undefined. */
export function millisBetween(from: string | null | undefined, to: string | null | undefined): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? b - a : undefined;
}

/** "model_overloaded_error" -> "Model overloaded error". */
export function humanize(identifier: string): string {
  const words = String(identifier).replace(/[_.]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/** At most `max` characters, on one line, with an ellipsis when cut. */
export function oneLine(text: string, max = 120): string {
  const whole = String(text);
  // A long text is cut anyway: flatten only as much of its start as the line shows.
  for (let end = Math.max(2 * max, 256); end < whole.length; end *= 4) {
    const start = whole.slice(0, end).replace(/\s+/g, ' ').trimStart();
    if (start.length > max + 1) return `${start.slice(0, max - 1)}…`;
  }
  const flat = whole.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Pretty JSON that never throws (cycles, BigInt) and never returns undefined. */
/** A field a server sent as text: a string as it is, a number or boolean written out, anything else as compact JSON (never "[object Object]"). */
export function scalarText(value: unknown, absent = ''): string {
  if (value === undefined || value === null) return absent;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return toJson(value, 0);
}

export function toJson(value: unknown, indent = 2): string {
  try {
    // Without a replacer first: JSON from the API has no BigInt, and a replacer makes every value slower.
    return JSON.stringify(value, undefined, indent) ?? String(value);
  } catch {
    try {
      return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent) ?? String(value);
    } catch {
      return String(value);
    }
  }
}

/** Approximate size of a base64 payload, as "12 KB". */
export function base64Size(data: unknown): string {
  if (typeof data !== 'string') return '';
  return formatBytes(Math.floor((data.length * 3) / 4));
}

/** A size as "512 B", "12 KB", "3.4 MB", "1.2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${trimZero((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${trimZero((bytes / (1024 * 1024 * 1024)).toFixed(1))} GB`;
}

/** A session's title, else its id. */
export function sessionLabel(session: Pick<Session, 'id' | 'title'>): string {
  return session.title?.trim() || session.id;
}

/** 12345 -> "12,345": a count in full (tooltips), where formatCount abbreviates. */
export function formatNumber(value: number | undefined): string {
  return (value ?? 0).toLocaleString('en-US');
}

/**
 * How long ago `iso` was: "just now", then "5 min ago", "3 h ago", "2 d ago" (`short`, for a row) or
 * "5 minutes ago", "1 hour ago", "2 days ago" (`spoken`, for a screen reader); after 30 days the date.
 */
export function relativeTime(iso: string, now: number = Date.now(), style: 'short' | 'spoken' = 'short'): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const ago = (count: number, short: string, word: string): string => (style === 'short' ? `${count} ${short} ago` : `${count} ${word}${count === 1 ? '' : 's'} ago`);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return ago(minutes, 'min', 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return ago(hours, 'h', 'hour');
  const days = Math.round(hours / 24);
  if (days < 30) return ago(days, 'd', 'day');
  return new Date(then).toISOString().slice(0, 10);
}

/** Escapes text from the API (titles, names, metadata) for a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text.replace(/\r?\n/g, ' ')} ${fence}`;
}
