// What the YAML commands share: the extension's services, the sidebar, the body diagnostics, the
// API lookups, update baselines and the replaceable pickers.
import type { Session } from '../../api';
import type { HistoryPanelManager } from '../../history/panelManager';
import type { Services } from '../../services';
import type { SessionsFeature } from '../../sessions/sessionsFeature';
import type { Problem } from '../parse';
import type { ApiLookups } from './apiLookups';
import type { BodyDiagnostics } from './bodyDiagnostics';
import type { UpdateBaselines } from './updateBaselines';
import type { YamlUi } from './yamlUi';

export interface YamlEditor {
  readonly services: Services;
  readonly sessions: SessionsFeature;
  readonly history: HistoryPanelManager;
  readonly diagnostics: BodyDiagnostics;
  readonly lookups: ApiLookups;
  readonly baselines: UpdateBaselines;
  /** Replaceable, so tests can answer the pickers. */
  ui: YamlUi;
}

/** What a YAML command did (commands return it, so callers and tests can tell without reading toasts). */
export type YamlCommandOutcome =
  | { status: 'sent'; sessionId: string; session?: Session }
  | { status: 'unchanged'; sessionId: string }
  /** The buffer has errors; nothing was sent. */
  | { status: 'invalid'; problem: Problem; message: string }
  /** The API refused or could not be reached; the buffer is as it was. */
  | { status: 'failed'; message: string }
  | { status: 'cancelled' }
  | { status: 'noDocument' };
