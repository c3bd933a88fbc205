// Per tool, over a session's history: how many calls, how many failed, and how long they took (from
// the call to its first result), as the inspector shows them. Fed events in any order (live ones and
// older pages); summed up only when asked, and only if something changed.
import type { SessionEvent } from '../api';
import type { ToolStatView } from '../webview/protocol';
import { formatDuration } from '../webview/format';

interface Call {
  name: string;
  at: number;
}

interface Answer {
  at: number;
  failed: boolean;
}

export class ToolStats {
  private readonly calls = new Map<string, Call>();
  /** The earliest result of each call, by the call's id. */
  private readonly answers = new Map<string, Answer>();
  private changed = false;

  clear(): void {
    this.calls.clear();
    this.answers.clear();
    this.changed = true;
  }

  add(event: SessionEvent): void {
    const at = Date.parse(event.processed_at ?? '');
    switch (event.type) {
      case 'agent.tool_use':
      case 'agent.custom_tool_use':
        this.calls.set(event.id, { name: String(event.name), at });
        break;
      case 'agent.mcp_tool_use':
        this.calls.set(event.id, { name: `${event.mcp_server_name} · ${event.name}`, at });
        break;
      case 'agent.tool_result':
      case 'user.tool_result':
        this.answer(event.tool_use_id, at, Boolean(event.is_error));
        return;
      case 'agent.mcp_tool_result':
        this.answer(event.mcp_tool_use_id, at, Boolean(event.is_error));
        return;
      case 'user.custom_tool_result':
        this.answer(event.custom_tool_use_id, at, Boolean(event.is_error));
        return;
      default:
        return;
    }
    this.changed = true;
  }

  /** The figures when they changed since the last call, else undefined. Busiest tool first. */
  takeChanged(): ToolStatView[] | undefined {
    if (!this.changed) return undefined;
    this.changed = false;
    return this.views();
  }

  views(): ToolStatView[] {
    const byName = new Map<string, { calls: number; failures: number; durations: number[] }>();
    for (const [id, call] of this.calls) {
      const stat = byName.get(call.name) ?? { calls: 0, failures: 0, durations: [] };
      byName.set(call.name, stat);
      stat.calls++;
      const answer = this.answers.get(id);
      if (!answer) continue;
      if (answer.failed) stat.failures++;
      const took = answer.at - call.at;
      if (Number.isFinite(took) && took >= 0) stat.durations.push(took);
    }
    return [...byName]
      .map(([name, stat]) => {
        const sorted = stat.durations.sort((a, b) => a - b);
        return {
          name,
          calls: stat.calls,
          failures: stat.failures,
          median: sorted.length ? formatDuration(median(sorted) / 1000) : '',
          longest: sorted.length ? formatDuration(sorted[sorted.length - 1] / 1000) : '',
        };
      })
      .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  }

  private answer(callId: string, at: number, failed: boolean): void {
    const known = this.answers.get(callId);
    if (known && !(at < known.at)) return;
    this.answers.set(callId, { at, failed });
    this.changed = true;
  }
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
