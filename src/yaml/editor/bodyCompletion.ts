// Completion in bodies: agent ids for `agent:`, environment ids for `environment_id:` (from the
// API, cached), and event types inside `events:` / `initial_events:` (from the schemas). A slow
// API never holds typing up: after a short wait the list comes back empty and marked incomplete,
// so the next keystroke asks again.
import * as vscode from 'vscode';
import type { Agent, Environment } from '../../api';
import { describeError } from '../../shared/errors';
import { isYamlCandidate, type BodyDiagnostics } from './bodyDiagnostics';
import type { ApiLookups } from './apiLookups';
import { completionTargetAt, type CompletionTarget } from './completionContext';
import { initialEventTypes, sendableEventTypes } from './eventTypes';

const LOOKUP_WAIT_MS = 1_500;

export class BodyCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly diagnostics: BodyDiagnostics,
    private readonly lookups: ApiLookups,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | vscode.CompletionList | undefined> {
    if (!isYamlCandidate(document)) return undefined;
    const target = completionTargetAt((line) => (line < document.lineCount ? document.lineAt(line).text : ''), position.line, position.character);
    // Whether the buffer is a body: from its last check (a keystroke must not parse the whole buffer).
    if (!target || !this.diagnostics.latest(document)) return undefined;
    const range = new vscode.Range(target.line, target.valueStart, target.line, target.valueEnd);
    if (target.kind === 'eventType') return eventTypeItems(target, range);
    const load = target.kind === 'agent' ? this.lookups.agents() : this.lookups.environments();
    try {
      const items = await Promise.race([load, delay(LOOKUP_WAIT_MS)]);
      if (token.isCancellationRequested) return undefined;
      if (!items) {
        this.log.debug(`The ${target.kind} list is still loading; completion will ask again at the next keystroke.`);
        return new vscode.CompletionList([], true);
      }
      return target.kind === 'agent' ? (items as Agent[]).map((agent, index) => agentItem(agent, index, range)) : (items as Environment[]).map((environment, index) => environmentItem(environment, index, range));
    } catch (error) {
      this.log.warn(`No ${target.kind} completions: ${describeError(error)}`);
      return undefined;
    }
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

function sortKey(index: number): string {
  return String(index).padStart(4, '0');
}

function agentItem(agent: Agent, index: number, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem({ label: agent.id, description: agent.name }, vscode.CompletionItemKind.Reference);
  item.detail = `${agent.name} · v${agent.version}${agent.model?.id ? ` · ${agent.model.id}` : ''}`;
  if (agent.description) item.documentation = new vscode.MarkdownString().appendText(agent.description);
  item.insertText = agent.id;
  item.filterText = `${agent.id} ${agent.name}`;
  item.sortText = sortKey(index);
  item.range = range;
  return item;
}

function environmentItem(environment: Environment, index: number, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem({ label: environment.id, description: environment.name }, vscode.CompletionItemKind.Reference);
  item.detail = `${environment.name} · ${environment.config?.type ?? 'environment'}`;
  if (environment.description) item.documentation = new vscode.MarkdownString().appendText(environment.description);
  item.insertText = environment.id;
  item.filterText = `${environment.id} ${environment.name}`;
  item.sortText = sortKey(index);
  item.range = range;
  return item;
}

function eventTypeItems(target: CompletionTarget, range: vscode.Range): vscode.CompletionItem[] {
  const types = target.list === 'initial_events' ? initialEventTypes() : sendableEventTypes();
  return types.map((info, index) => {
    const item = new vscode.CompletionItem(info.type, vscode.CompletionItemKind.EnumMember);
    if (info.description) item.documentation = new vscode.MarkdownString().appendText(info.description);
    item.detail = target.list === 'initial_events' ? 'initial event (sent at creation)' : 'event to send';
    item.sortText = sortKey(index);
    item.range = range;
    return item;
  });
}
