// What the YAML commands share: the extension's services, the sidebar, the body diagnostics, the
// API lookups, update baselines and the replaceable pickers.
import type { Session } from '../../api';
import type { HistoryPanelManager } from '../../history/panelManager';
import type { Services } from '../../shared/services';
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
  /** `note`: the answer was lost and the extension found that the request took effect anyway. */
  | { status: 'sent'; sessionId: string; session?: Session; note?: string }
  | { status: 'unchanged'; sessionId: string }
  /** The buffer has errors; nothing was sent. */
  | { status: 'invalid'; problem: Problem; message: string }
  /**
   * The API refused or could not be reached; the buffer is as it was. `reconciled` when the answer was
   * lost and the extension looked whether the request took effect: it did not, or that is unknown.
   */
  | { status: 'failed'; message: string; reconciled?: 'notCreated' | 'notArrived' | 'unknown' }
  | { status: 'cancelled' }
  | { status: 'noDocument' };
