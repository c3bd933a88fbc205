// Text for session rows and tooltips. Pure (no vscode).
import type { MonetaryAmount, Session } from '../api';

export function sessionLabel(session: Session): string {
  return session.title?.trim() || session.id;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", then a date. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} d ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** `amount` is an integer string in minor units: {"amount":"2534","currency":"USD"} -> "$25.34". */
export function formatCost(cost: MonetaryAmount | null | undefined): string | undefined {
  if (!cost || !/^-?\d+$/.test(cost.amount)) return undefined;
  const negative = cost.amount.startsWith('-');
  const digits = cost.amount.replace('-', '').padStart(3, '0');
  const value = `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
  const sign = negative ? '-' : '';
  return cost.currency === 'USD' ? `${sign}$${value}` : `${sign}${value} ${cost.currency}`;
}

export function formatNumber(value: number | undefined): string {
  return (value ?? 0).toLocaleString('en-US');
}

export function formatDuration(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
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
