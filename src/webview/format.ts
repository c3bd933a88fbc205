// Small formatting helpers shared by the history view model, the header and the export. Pure.
import type { MonetaryAmount } from '../api/types';

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

/** `{ amount: "2500", currency: "USD" }` (minor units) -> "$25.00"; "" when absent or malformed. */
export function formatMoney(money: MonetaryAmount | null | undefined): string {
  if (!money || typeof money.amount !== 'string' || !/^-?\d+$/.test(money.amount)) return '';
  const cents = Number(money.amount);
  const value = (cents / 100).toFixed(2);
  return money.currency === 'USD' || !money.currency ? `$${value}` : `${value} ${String(money.currency)}`;
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
  const bytes = Math.floor((data.length * 3) / 4);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${trimZero((bytes / (1024 * 1024)).toFixed(1))} MB`;
}
