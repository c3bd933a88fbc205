// The Tools summary under the filter bar: one line ("Tools: 12 calls, 1 failed") that opens onto a
// table with each tool's calls, failures and the median and longest time from a call to its result.
// Hidden while the session has made no tool call.
import { clear, h } from './dom';
import type { ToolStatView } from './protocol';

export class ToolsSummary {
  private readonly line = h('span', { class: 'tools-line' });
  private readonly table = h('table', { class: 'tools-table' });
  private readonly details = h('details', { class: 'tools-summary' });
  readonly element = h('section', { class: 'tools-region', 'aria-label': 'Tool calls', hidden: true }, this.details);

  constructor() {
    // main.ts's toggle listener keeps aria-expanded in step, as for every summary in the panel.
    this.details.append(h('summary', { 'aria-expanded': 'false' }, this.line), this.table);
  }

  show(tools: readonly ToolStatView[]): void {
    this.element.hidden = tools.length === 0;
    const calls = tools.reduce((sum, tool) => sum + tool.calls, 0);
    const failures = tools.reduce((sum, tool) => sum + tool.failures, 0);
    this.line.textContent = `Tools: ${calls} ${calls === 1 ? 'call' : 'calls'}${failures ? `, ${failures} failed` : ''}`;
    clear(this.table);
    const heading = (text: string, numeric = false) => h('th', { scope: 'col', ...(numeric ? { class: 'numeric' } : {}) }, text);
    this.table.append(
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
            h('td', { class: 'numeric' }, tool.median || '–'),
            h('td', { class: 'numeric' }, tool.longest || '–'),
          ),
        ),
      ),
    );
  }
}
