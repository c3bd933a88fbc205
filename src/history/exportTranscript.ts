// A session transcript as Markdown or JSON, for "Export". Pure: the panel picks the file and writes it.
import type { Session, SessionEvent } from '../api';
import { EVENT_ICON_GLYPHS, describeEvent, type EventView } from '../webview/eventView';
import type { SessionHeader } from '../webview/protocol';
import { answeredToolUse, type Transcript } from './transcript';

export type ExportFormat = 'markdown' | 'json';

export function exportFormatFor(fileName: string): ExportFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'markdown';
}

export function transcriptToJson(session: Session | null, events: readonly SessionEvent[], exportedAt = new Date()): string {
  return `${JSON.stringify({ exported_at: exportedAt.toISOString(), session, events }, null, 2)}\n`;
}

/** The panel's transcript as Markdown: the header, then each event as the panel shows it. */
export function transcriptToMarkdown(header: SessionHeader | null, transcript: Transcript, exportedAt = new Date()): string {
  const out: string[] = [];
  out.push(`# ${oneLineText(header?.title || header?.id || 'Session transcript')}`, '');
  if (header) {
    out.push(`- Session: \`${header.id}\``);
    if (header.agentName) out.push(`- Agent: ${header.agentName}${header.agentVersion !== null ? ` v${header.agentVersion}` : ''}${header.model ? ` (${header.model})` : ''}`);
    if (header.environment) out.push(`- Environment: ${header.environment}`);
    out.push(`- Status: ${header.status}${header.archived ? ' (archived)' : ''}`);
    out.push(`- Usage: ${header.tokens}${header.cost ? ` · ${header.cost}` : ''}${header.activeTime ? ` · ${header.activeTime} active` : ''}`);
  }
  out.push(`- Events: ${transcript.length}`, `- Exported: ${exportedAt.toISOString()}`, '', '---', '');
  for (const event of transcript.events) {
    const view = describeEvent(event, transcript);
    const answered = answeredToolUse(event);
    out.push(...viewToMarkdown(view, answered !== undefined && transcript.event(answered) !== undefined), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function viewToMarkdown(view: EventView, shownWithToolCall: boolean): string[] {
  const when = view.time ?? 'queued';
  const badges = view.badges.length ? ` [${view.badges.map((b) => b.text).join(', ')}]` : '';
  // Markdown cannot show codicons: the icon's text glyph instead.
  const heading = `${EVENT_ICON_GLYPHS[view.icon]} ${oneLineText(view.title)}${view.detail ? ` — ${oneLineText(view.detail)}` : ''}${badges}`;
  if (view.layout === 'row' && (shownWithToolCall || (!view.text && !view.payloads.length))) {
    return [`- \`${when}\` ${heading}`];
  }
  if (view.layout === 'row' && !view.text && view.payloads.length && view.kind !== 'tool' && view.kind !== 'unknown') {
    return [`- \`${when}\` ${heading}`];
  }
  const lines = [`### ${heading}`, `<sub>${when} · ${view.type}</sub>`, ''];
  if (view.markdown !== undefined) lines.push(view.markdown || '_(empty)_', '');
  if (view.text) lines.push(fence(view.text, 'text'), '');
  for (const payload of view.payloads) {
    lines.push(`**${payload.label}**`, '', fence(payload.text, payload.json ? 'json' : 'text'), '');
  }
  return lines;
}

function oneLineText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A fenced code block that no backtick run in the text can close early. */
export function fence(text: string, language: string): string {
  // A scan, not Math.max(...runs): a text of 200,000 runs would be more arguments than a call takes.
  let longest = 2;
  for (let i = 0, run = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 96 /* ` */) run = 0;
    else if (++run > longest) longest = run;
  }
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}
