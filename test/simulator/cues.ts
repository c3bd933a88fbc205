/** Cue words that steer the scripted agent (README.md), and the texts its turns write. */
import type { PermissionPolicy, ResolvedTool, SimEvent } from './types';

export interface Cues {
  confirm: boolean;
  custom: boolean;
  mcp: boolean;
  error: boolean;
  exhaust: boolean;
  reschedule: boolean;
  terminate: boolean;
  refuse: boolean;
  /** A multiagent turn: the coordinator delegates to two subagent threads. */
  team: boolean;
  /** Number of agent.message events for a bulk turn, or 0. */
  long: number;
  /** The agent writes output files (report.md, data.csv) that the Files API lists for the session. */
  write: boolean;
}

const CUE_PATTERN = /#([a-z][a-z_-]*)(?:[=:](\d+))?/gi;

export function parseCues(textContent: string): Cues {
  const cues: Cues = { confirm: false, custom: false, mcp: false, error: false, exhaust: false, reschedule: false, terminate: false, refuse: false, team: false, long: 0, write: false };
  for (const match of textContent.matchAll(CUE_PATTERN)) {
    const name = match[1].toLowerCase().replace(/-/g, '_');
    switch (name) {
      case 'confirm':
        cues.confirm = true;
        break;
      case 'custom':
      case 'custom_tool':
        cues.custom = true;
        break;
      case 'mcp':
        cues.mcp = true;
        break;
      case 'error':
        cues.error = true;
        break;
      case 'exhaust':
        cues.exhaust = true;
        break;
      case 'reschedule':
        cues.reschedule = true;
        break;
      case 'terminate':
        cues.terminate = true;
        break;
      case 'refuse':
        cues.refuse = true;
        break;
      case 'team':
        cues.team = true;
        break;
      case 'write':
        cues.write = true;
        break;
      case 'long':
        cues.long = Math.max(1, Number(match[2] ?? 100));
        break;
    }
  }
  return cues;
}

/** The text blocks of a message-like event, joined. */
export function textOf(event: SimEvent): string {
  const content = Array.isArray(event.content) ? event.content : [];
  return content
    .map((block: unknown) => (typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text' ? String((block as { text?: unknown }).text) : ''))
    .join('\n');
}

/** The resolved permission policy of the agent's bash tool, or null when bash is not enabled. */
export function bashPolicy(tools: ResolvedTool[]): PermissionPolicy['type'] | null {
  for (const tool of tools) {
    if (tool.type !== 'agent_toolset_20260401') continue;
    const bash = tool.configs.find((config) => config.name === 'bash');
    if (bash?.enabled) return bash.permission_policy.type;
  }
  return null;
}

export function openingMarkdown(prompt: string, cues: Cues): string {
  const topic = prompt.replace(/#[a-z_-]+(?:[=:]\d+)?/gi, '').trim().slice(0, 60) || 'your request';
  const next = cues.custom
    ? 'I need some data from your system first, so I will call your custom tool.'
    : cues.mcp
      ? 'I will file an issue through the GitHub MCP server.'
      : cues.confirm
        ? 'I need to rebuild from scratch, which deletes `dist/`, so I will ask before running it.'
        : 'Next I will run the test suite to make sure nothing else depends on it.';
  return [
    `Looking into **${topic}**.`,
    '',
    'The relevant code is small:',
    '',
    '```ts',
    'export function greet(name: string): string {',
    '  return `Hello, ${name}!`;',
    '}',
    '```',
    '',
    next,
  ].join('\n');
}

export function closingMarkdown(summaries: string[]): string {
  return ['Done. Summary:', '', ...summaries.map((summary) => `- ${summary}`), '- `greet()` is covered by `test/greet.test.ts`.', '', 'Anything else?'].join('\n');
}

/** Where the agent's outputs go in the sandbox; what is written there becomes a file of the session. */
export const OUTPUTS_DIR = '/mnt/session/outputs';

/** The files a `#write` turn writes: deterministic content derived from the prompt. */
export function outputFiles(prompt: string): { name: string; mimeType: string; content: string }[] {
  const words = prompt
    .replace(/#[a-z][a-z_-]*(?:[=:]\d+)?/gi, '')
    .split(/\s+/)
    .filter((word) => word !== '');
  const report = ['# Report', '', `Prompt: ${words.join(' ') || '(none)'}`, '', `Words: ${words.length}`, ''].join('\n');
  const csv = ['index,word,length', ...words.map((word, index) => `${index + 1},"${word.replace(/"/g, '""')}",${word.length}`), ''].join('\n');
  return [
    { name: 'report.md', mimeType: 'text/markdown', content: report },
    { name: 'data.csv', mimeType: 'text/csv', content: csv },
  ];
}
