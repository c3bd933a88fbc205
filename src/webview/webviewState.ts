// What the webview keeps while VS Code hides or reloads it (webview.setState): the session, the unsent
// reply (with its system note) and outcome, the filter, the search, the grouping by model request and the
// inspector (open or not, its tab and its event). The panel serializer gets
// it back after a window reload.
import type { HistoryWebviewState } from './protocol';
import { vscode } from './vscodeApi';

const saved = vscode.getState();
let state: HistoryWebviewState = {
  sessionId: saved?.sessionId ?? '',
  draft: saved?.draft ?? '',
  hiddenKinds: saved?.hiddenKinds ?? [],
  search: saved?.search ?? '',
  groupByRequest: saved?.groupByRequest === true,
  inspectorOpen: saved?.inspectorOpen === true,
  inspectorTab: saved?.inspectorTab ?? 'session',
  inspectorEventId: typeof saved?.inspectorEventId === 'string' ? saved.inspectorEventId : undefined,
  steer: saved?.steer ?? '',
  steerOpen: saved?.steerOpen === true,
  outcome: saved?.outcome,
  outcomeOpen: saved?.outcomeOpen === true,
  outcomeRubricFile: saved?.outcomeRubricFile,
};

export function webviewState(): HistoryWebviewState {
  return state;
}

export function saveState(patch: Partial<HistoryWebviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}
