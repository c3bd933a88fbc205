// Wires the YAML request bodies into the editor: diagnostics, CodeLens, completion, quick fixes,
// and the `managedAgents.activeBodyKind` context key (editor title buttons, keybindings). Called
// once from activate(); no network until a body is edited or a command runs.
import * as vscode from 'vscode';
import type { SessionsStore } from '../../sessions/store/sessionsStore';
import type { Services } from '../../shared/services';
import { ApiLookups } from './apiLookups';
import { BodyCodeLensProvider } from './bodyCodeLens';
import { BodyCompletionProvider } from './bodyCompletion';
import { BodyDiagnostics } from './bodyDiagnostics';
import { BodyQuickFixProvider } from './bodyQuickFixes';
import { createNewSessionPickers, type NewSessionPickers } from './newSessionPickers';
import { UpdateBaselines } from './updateBaselines';

const CONTEXT_ACTIVE_BODY_KIND = 'managedAgents.activeBodyKind';

/** YAML buffers, plus files named by the convention whatever language they were opened as. */
const BODY_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{session,events,update}.{yaml,yml}' }];

/** The parts of the YAML body support; src/commands.ts hands each YAML command the ones it acts on. */
export interface YamlParts {
  readonly diagnostics: BodyDiagnostics;
  readonly lookups: ApiLookups;
  readonly baselines: UpdateBaselines;
  /** New Session's pickers (tests replace its methods to answer them). */
  readonly pickers: NewSessionPickers;
}

export function activateYamlEditor({ client, keyStore, settings, log }: Services, store: SessionsStore): YamlParts & vscode.Disposable {
  const diagnostics = new BodyDiagnostics(() => settings.current.maxLiveCheckChars);
  let maxLiveCheckChars = settings.current.maxLiveCheckChars;
  const lookups = new ApiLookups(client, keyStore, settings);
  const baselines = new UpdateBaselines();
  const codeLens = new BodyCodeLensProvider(diagnostics, store, lookups);

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
    vscode.languages.registerCompletionItemProvider(BODY_SELECTOR, new BodyCompletionProvider(diagnostics, lookups, log), ':', ' ', '.'),
    vscode.languages.registerCodeActionsProvider(BODY_SELECTOR, new BodyQuickFixProvider(diagnostics), BodyQuickFixProvider.metadata),
    vscode.window.onDidChangeActiveTextEditor(syncActiveKind),
    diagnostics.onDidCheck(({ document }) => {
      if (document === vscode.window.activeTextEditor?.document) syncActiveKind();
    }),
    settings.onDidChange((current) => {
      if (current.maxLiveCheckChars === maxLiveCheckChars) return;
      maxLiveCheckChars = current.maxLiveCheckChars;
      diagnostics.recheckAll();
    }),
  ];
  syncActiveKind();
  return {
    diagnostics,
    lookups,
    baselines,
    pickers: createNewSessionPickers(),
    dispose: () => {
      for (const disposable of disposables.reverse()) disposable.dispose();
    },
  };
}
