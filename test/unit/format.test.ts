import assert from 'node:assert/strict';
import { escapeMarkdown, formatDuration, formatMoney, formatNumber, inlineCode, relativeTime, sessionLabel } from '../../src/webview/format';
import { makeSession } from './sessions/fixtures';

// The one formatter for each kind of value, used by the sessions tree, notifications and the history
// alike (src/webview/format.ts; transcript.test.ts checks the counts the history abbreviates).
describe('format', () => {
  it('labels a session by title, else by id', () => {
    const session = makeSession({ title: '  Fix the build ' });
    assert.equal(sessionLabel(session), 'Fix the build');
    assert.equal(sessionLabel({ ...session, title: null }), session.id);
    assert.equal(sessionLabel({ ...session, title: '   ' }), session.id);
  });

  it('formats money from minor units, exactly', () => {
    assert.equal(formatMoney({ amount: '2534', currency: 'USD' }), '$25.34');
    assert.equal(formatMoney({ amount: '7', currency: 'USD' }), '$0.07');
    assert.equal(formatMoney({ amount: '0', currency: 'USD' }), '$0.00');
    assert.equal(formatMoney({ amount: '-250', currency: 'USD' }), '-$2.50');
    assert.equal(formatMoney({ amount: '123456', currency: 'EUR' as 'USD' }), '1234.56 EUR');
    // Beyond what a double holds exactly.
    assert.equal(formatMoney({ amount: '900719925474099312', currency: 'USD' }), '$9007199254740993.12');
    assert.equal(formatMoney({ amount: '2500' } as never), '$25.00');
    assert.equal(formatMoney(null), '');
    assert.equal(formatMoney(undefined), '');
    assert.equal(formatMoney({ amount: 'n/a', currency: 'USD' }), '');
    assert.equal(formatMoney({ amount: 2500 as unknown as string, currency: 'USD' }), '');
  });

  it('formats counts in full', () => {
    assert.equal(formatNumber(12_345), '12,345');
    assert.equal(formatNumber(undefined), '0');
  });

  it('says how long ago, short for a row and spelled out for a screen reader', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    assert.equal(relativeTime('2026-03-01T11:59:50Z', now), 'just now');
    assert.equal(relativeTime('2026-03-01T11:55:00Z', now), '5 min ago');
    assert.equal(relativeTime('2026-03-01T09:00:00Z', now), '3 h ago');
    assert.equal(relativeTime('2026-02-27T12:00:00Z', now), '2 d ago');
    assert.equal(relativeTime('2025-01-01T00:00:00Z', now), '2025-01-01');
    assert.equal(relativeTime('not a date', now), '');
    assert.equal(relativeTime('2026-03-01T11:59:50Z', now, 'spoken'), 'just now');
    assert.equal(relativeTime('2026-03-01T11:59:00Z', now, 'spoken'), '1 minute ago');
    assert.equal(relativeTime('2026-03-01T11:48:00Z', now, 'spoken'), '12 minutes ago');
    assert.equal(relativeTime('2026-03-01T11:00:00Z', now, 'spoken'), '1 hour ago');
    assert.equal(relativeTime('2026-03-01T09:00:00Z', now, 'spoken'), '3 hours ago');
    assert.equal(relativeTime('2026-02-27T12:00:00Z', now, 'spoken'), '2 days ago');
    assert.equal(relativeTime('2025-01-01T00:00:00Z', now, 'spoken'), '2025-01-01');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(undefined), '');
    assert.equal(formatDuration(-1), '');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(2.25), '2.3s');
    assert.equal(formatDuration(42), '42s');
    assert.equal(formatDuration(125), '2m 5s');
    assert.equal(formatDuration(3 * 3600 + 120), '3h 2m');
  });

  it('escapes user text for Markdown tooltips', () => {
    assert.equal(escapeMarkdown('**[x](command:evil)**'), '\\*\\*\\[x\\]\\(command:evil\\)\\*\\*');
    assert.equal(escapeMarkdown('<img src=x>\nline'), '\\<img src=x\\> line');
    assert.equal(inlineCode('a`b'), '`` a`b ``');
  });
});
