// Wires the YAML request bodies into the editor: diagnostics, CodeLens, completion, quick fixes,
// and the `managedAgents.activeBodyKind` context key (editor title buttons, keybindings). Called
// once from activate(); no network until a body is edited or a command runs.
import * as vscode from 'vscode';
import { APPLY_SESSION_UPDATE, CREATE_SESSION_FROM_YAML, SEND_EVENTS_FROM_YAML, VALIDATE_YAML_BODY } from '../../commandIds';
import type { HistoryPanelManager } from '../../history/panelManager';
import type { Services } from '../../shared/services';
import type { SessionsFeature } from '../../sessions/sessionsFeature';
import { ApiLookups } from './apiLookups';
import { BodyCodeLensProvider } from './bodyCodeLens';
import { BodyCompletionProvider } from './bodyCompletion';
import { BodyDiagnostics } from './bodyDiagnostics';
import { BodyQuickFixProvider } from './bodyQuickFixes';
import { UpdateBaselines } from './updateBaselines';
import type { YamlEditor } from './yamlEditor';
import { createYamlUi } from './yamlUi';

export const CONTEXT_ACTIVE_BODY_KIND = 'managedAgents.activeBodyKind';

/** YAML buffers, plus files named by the convention whatever language they were opened as. */
const BODY_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{session,events,update}.{yaml,yml}' }];

export function activateYamlEditor(services: Services, sessions: SessionsFeature, history: HistoryPanelManager): YamlEditor & vscode.Disposable {
  const diagnostics = new BodyDiagnostics(() => services.settings.current.maxLiveCheckChars);
  let maxLiveCheckChars = services.settings.current.maxLiveCheckChars;
  const lookups = new ApiLookups(services.client, services.keyStore, services.settings);
  const baselines = new UpdateBaselines();
  const codeLens = new BodyCodeLensProvider(diagnostics, sessions.store, lookups, {
    create: CREATE_SESSION_FROM_YAML,
    send: SEND_EVENTS_FROM_YAML,
    update: APPLY_SESSION_UPDATE,
    validate: VALIDATE_YAML_BODY,
  });
  const editor: YamlEditor & vscode.Disposable = {
    services,
    sessions,
    history,
    diagnostics,
    lookups,
    baselines,
    ui: createYamlUi(),
    dispose: () => {
      for (const disposable of disposables.reverse()) disposable.dispose();
    },
  };

  let activeKind: string | undefined;
  const syncActiveKind = () => {
    const document = vscode.window.activeTextEditor?.document;
    // The last check, not a new one: switching editors must not parse a body the debounce is waiting on.
    const kind = (document && diagnostics.latest(document)?.kind) || '';
    if (kind === activeKind) return;
    activeKind = kind;
    void vscode.commands.executeCommand('setContext', CONTEXT_ACTIVE_BODY_KIND, kind);
  };

  const disposables: vscode.Disposable[] = [
    diagnostics,
    lookups,
    baselines,
    codeLens,
    vscode.languages.registerCodeLensProvider(BODY_SELECTOR, codeLens),
    vscode.languages.registerCompletionItemProvider(BODY_SELECTOR, new BodyCompletionProvider(diagnostics, lookups, services.log), ':', ' ', '.'),
    vscode.languages.registerCodeActionsProvider(BODY_SELECTOR, new BodyQuickFixProvider(diagnostics), BodyQuickFixProvider.metadata),
    vscode.window.onDidChangeActiveTextEditor(syncActiveKind),
    diagnostics.onDidCheck(({ document }) => {
      if (document === vscode.window.activeTextEditor?.document) syncActiveKind();
    }),
    services.settings.onDidChange((settings) => {
      if (settings.maxLiveCheckChars === maxLiveCheckChars) return;
      maxLiveCheckChars = settings.maxLiveCheckChars;
      diagnostics.recheckAll();
    }),
  ];
  syncActiveKind();
  return editor;
}
