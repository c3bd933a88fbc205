// The inspector's Tools tab: over the events loaded, how many tool calls, how many failed, and a table of
// each tool's calls, failures and the median and longest time from a call to its result. The host counts
// (src/history/toolStats.ts) and sends the figures again whenever an event changes them.
import { h } from './dom';
import type { ToolStatView } from './protocol';

/**
 * `olderRemain`: older events are not loaded yet, so the figures leave them out. `scope`: whose calls
 * they are, in a multiagent session (the coordinator's, or the thread's shown).
 */
export function toolsTab(tools: readonly ToolStatView[], olderRemain: boolean, scope?: string): HTMLElement[] {
  const calls = tools.reduce((sum, tool) => sum + tool.calls, 0);
  const failures = tools.reduce((sum, tool) => sum + tool.failures, 0);
  const partial = olderRemain ? h('p', { class: 'inspector-note muted' }, 'Older events are not loaded yet: these figures count only the events loaded.') : null;
  const whose = scope ? h('p', { class: 'inspector-note muted' }, scope) : null;
  const notes = [whose, partial].filter((note): note is HTMLParagraphElement => note !== null);
  if (!tools.length) return [h('p', { class: 'inspector-empty muted' }, 'No tool calls yet'), ...notes];
  const heading = (text: string, numeric = false) => h('th', { scope: 'col', ...(numeric ? { class: 'numeric' } : {}) }, text);
  const table = h(
    'table',
    { class: 'tools-table' },
    h('caption', { class: 'sr-only' }, 'Calls, failures and time to the result, per tool'),
    h('thead', {}, h('tr', {}, heading('Tool'), heading('Calls', true), heading('Failed', true), heading('Median', true), heading('Longest', true))),
    h(
      'tbody',
      {},
      ...tools.map((tool) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, tool.name),
          h('td', { class: 'numeric' }, String(tool.calls)),
          h('td', { class: tool.failures ? 'numeric failed' : 'numeric' }, String(tool.failures)),
          // An en dash: no call of the tool has its result yet.
          h('td', { class: 'numeric' }, tool.median || '–'),
          h('td', { class: 'numeric' }, tool.longest || '–'),
        ),
      ),
    ),
  );
  return [
    h('p', { class: 'tools-line' }, `${calls} ${calls === 1 ? 'call' : 'calls'}${failures ? `, ${failures} failed` : ', none failed'}`),
    ...notes,
    table,
    h('p', { class: 'muted' }, 'Time from a call to its result. Each tool call in the transcript shows its own.'),
  ];
}
