import assert from 'node:assert/strict';
import type { SessionEvent } from '../../../src/api';
import { ToolStats } from '../../../src/history/toolStats';

const t0 = Date.parse('2026-11-21T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const text = (value: string) => [{ type: 'text' as const, text: value }];

// Three bash calls (4 s, 1 s and failed, 3 s), an MCP call (2 s), a grep call with no result yet.
const EVENTS: SessionEvent[] = [
  { id: 'b1', type: 'agent.tool_use', name: 'bash', input: {}, processed_at: at(0) },
  { id: 'b1r', type: 'agent.tool_result', tool_use_id: 'b1', content: text('ok'), is_error: false, processed_at: at(4) },
  { id: 'b2', type: 'agent.tool_use', name: 'bash', input: {}, processed_at: at(10) },
  { id: 'b2r', type: 'agent.tool_result', tool_use_id: 'b2', content: text('boom'), is_error: true, processed_at: at(11) },
  { id: 'm1', type: 'agent.mcp_tool_use', mcp_server_name: 'github', name: 'create_issue', input: {}, processed_at: at(12) },
  { id: 'm1r', type: 'agent.mcp_tool_result', mcp_tool_use_id: 'm1', content: text('#42'), processed_at: at(14) },
  { id: 'b3', type: 'agent.tool_use', name: 'bash', input: {}, processed_at: at(20) },
  { id: 'b3r', type: 'agent.tool_result', tool_use_id: 'b3', content: text('ok'), processed_at: at(23) },
  { id: 'g1', type: 'agent.tool_use', name: 'grep', input: {}, processed_at: at(30) },
  { id: 'msg', type: 'agent.message', content: text('done'), processed_at: at(31) },
] as SessionEvent[];

const EXPECTED = [
  { name: 'bash', calls: 3, failures: 1, median: '3s', longest: '4s' },
  { name: 'github · create_issue', calls: 1, failures: 0, median: '2s', longest: '2s' },
  { name: 'grep', calls: 1, failures: 0, median: '', longest: '' },
];

describe('ToolStats', () => {
  it('counts calls and failures per tool, with the median and longest time to the result, busiest first', () => {
    const stats = new ToolStats();
    for (const event of EVENTS) stats.add(event);
    assert.deepEqual(stats.views(), EXPECTED);
  });

  it('gets the same figures whatever order the events come in (older pages arrive after live ones)', () => {
    const stats = new ToolStats();
    for (const event of [...EVENTS].reverse()) stats.add(event);
    assert.deepEqual(stats.views(), EXPECTED);
  });

  it('times a call to its first result, and counts a call once', () => {
    const stats = new ToolStats();
    stats.add({ id: 'c', type: 'agent.custom_tool_use', name: 'lookup', input: {}, processed_at: at(0) });
    stats.add({ id: 'late', type: 'user.custom_tool_result', custom_tool_use_id: 'c', content: text('x'), is_error: true, processed_at: at(90) });
    stats.add({ id: 'early', type: 'user.custom_tool_result', custom_tool_use_id: 'c', content: text('y'), processed_at: at(75) });
    stats.add({ id: 'c', type: 'agent.custom_tool_use', name: 'lookup', input: {}, processed_at: at(0) });
    assert.deepEqual(stats.views(), [{ name: 'lookup', calls: 1, failures: 0, median: '1m 15s', longest: '1m 15s' }]);
  });

  it('hands the figures over only when they changed', () => {
    const stats = new ToolStats();
    assert.equal(stats.takeChanged(), undefined, 'nothing yet');
    stats.add(EVENTS[0]);
    assert.deepEqual(stats.takeChanged(), [{ name: 'bash', calls: 1, failures: 0, median: '', longest: '' }]);
    stats.add(EVENTS[9]);
    assert.equal(stats.takeChanged(), undefined, 'a message changes no tool figure');
    stats.add(EVENTS[1]);
    assert.equal(stats.takeChanged()?.[0].median, '4s');
    stats.clear();
    assert.deepEqual(stats.takeChanged(), []);
  });
});
