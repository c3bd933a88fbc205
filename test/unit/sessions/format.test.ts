import assert from 'node:assert/strict';
import { escapeMarkdown, formatCost, formatDuration, inlineCode, relativeTime, sessionLabel } from '../../../src/sessions/format';
import { makeSession } from './fixtures';

describe('format', () => {
  it('labels a session by title, else by id', () => {
    const session = makeSession({ title: '  Fix the build ' });
    assert.equal(sessionLabel(session), 'Fix the build');
    assert.equal(sessionLabel({ ...session, title: null }), session.id);
    assert.equal(sessionLabel({ ...session, title: '   ' }), session.id);
  });

  it('formats list cost from minor units', () => {
    assert.equal(formatCost({ amount: '2534', currency: 'USD' }), '$25.34');
    assert.equal(formatCost({ amount: '7', currency: 'USD' }), '$0.07');
    assert.equal(formatCost({ amount: '0', currency: 'USD' }), '$0.00');
    assert.equal(formatCost({ amount: '123456', currency: 'EUR' as 'USD' }), '1234.56 EUR');
    assert.equal(formatCost(null), undefined);
    assert.equal(formatCost({ amount: 'n/a', currency: 'USD' }), undefined);
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    assert.equal(relativeTime('2026-03-01T11:59:50Z', now), 'just now');
    assert.equal(relativeTime('2026-03-01T11:55:00Z', now), '5 min ago');
    assert.equal(relativeTime('2026-03-01T09:00:00Z', now), '3 h ago');
    assert.equal(relativeTime('2026-02-27T12:00:00Z', now), '2 d ago');
    assert.equal(relativeTime('2025-01-01T00:00:00Z', now), '2025-01-01');
    assert.equal(relativeTime('not a date', now), '');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(undefined), undefined);
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(125), '2 min 5 s');
    assert.equal(formatDuration(3 * 3600 + 120), '3 h 2 min');
  });

  it('escapes user text for Markdown tooltips', () => {
    assert.equal(escapeMarkdown('**[x](command:evil)**'), '\\*\\*\\[x\\]\\(command:evil\\)\\*\\*');
    assert.equal(escapeMarkdown('<img src=x>\nline'), '\\<img src=x\\> line');
    assert.equal(inlineCode('a`b'), '`` a`b ``');
  });
});
