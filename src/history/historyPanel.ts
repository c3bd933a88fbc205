// One Session history panel: follows the session live (the newest page and the stream; older pages as
// the webview scrolls up, or all of them for a search or an export), holds its transcript and sends the
// webview what changed as ready rows, in batches; turns what the webview asks (reply, approve,
// interrupt, export...) into API calls. The API key never leaves the host: the webview only sees rows,
// the header and results.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { followSession, isAuthFailure, isTransientError, type FollowItem, type SessionFollower } from '../api';
import type { EventParams, FileResource, Session, SessionEvent, SessionResource, SessionThread } from '../api';
import { sandboxPath } from '../files/mountPath';
import { describeError, showError } from '../shared/errors';
import type { Services } from '../shared/services';
import type { DraftStore } from './drafts';
import { exportFormatFor, transcriptToJson, transcriptToMarkdown } from './exportTranscript';
import { toHeader, withStatusFromEvent } from './header';
import { historyHtml } from './html';
import { INSPECTOR_EVENT_TYPES, THREAD_EVENT_TYPES, toEventJsonView, toInspectorView, type Loadable } from './inspector';
import type { ImageAllowances } from './imageAllowances';
import { mayHaveActed, reconcileSend, sendReconciliationMessage } from '../shared/lostResponse';
import { currentSession, explainRefusal, overBudgetAdvice } from '../sessions/refusals';
import { isActive, isPrimaryThread, threadName } from '../sessions/sessionState';
import { sanitizeSession } from '../sessions/store/sanitize';
import { isSafeLink } from '../webview/links';
import type { ConnectionIndicator, HostMessage, OlderHistory, SessionHeader, ViewedThread, WebviewMessage } from '../webview/protocol';
import type { Transcript } from './transcript';
import { TranscriptRows } from './transcriptRows';
import { RubricFiles } from './rubricFiles';
import { checkWebviewMessage, type DroppedMessage } from './webviewChecks';
import { ATTACH_TO_SESSION, OPEN_IN_CONSOLE, RAISE_BUDGET } from '../commandIds';
import { consoleKnowsSessionsOf } from '../links/consoleUrl';
import type { EventDocuments } from './eventDocuments';
import type { ExternalOpener } from '../shared/externalOpener';
import { ToolStats } from './toolStats';
import { counterpartIn, isThreadMessage, LANE_EVENT_TYPES, otherThread, threadLanes } from './threadLanes';
import { ThreadView } from './threadView';
import { toJson } from '../webview/format';

/** What the panel asks of the user, replaceable in tests. */
export interface HistoryDialogs {
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  /** Resolves true when the user confirms `action`. */
  confirm(message: string, action: string): Thenable<boolean>;
  /** One of `choices` (each with its label and detail), or undefined when the user cancels. */
  pick<T extends vscode.QuickPickItem>(choices: readonly T[], placeholder: string): Thenable<T | undefined>;
  /** Files chosen in an open dialog (the outcome's rubric file). */
  pickFiles(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
}

export const defaultDialogs: HistoryDialogs = {
  showSaveDialog: (options) => vscode.window.showSaveDialog(options),
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
  pick: (choices, placeholder) => vscode.window.showQuickPick(choices, { placeHolder: placeholder }),
  pickFiles: (options) => vscode.window.showOpenDialog(options),
};

const FLUSH_DELAY_MS = 30;
const HEADER_REFRESH_DELAY_MS = 400;
/** Retries of the header after a failure that waiting fixes: 2 s doubling to 60 s. */
const HEADER_RETRY_BASE_MS = 2_000;
const HEADER_RETRY_MAX_MS = 60_000;
const HEADER_REFRESH_TYPES = new Set([
  'session.status_idle',
  'session.status_running',
  'session.status_rescheduled',
  'session.status_terminated',
  'session.usage',
  'session.updated',
]);

export class HistoryPanel implements vscode.Disposable {
  /** The session's events as the webview draws them; the panel's one copy of the history. */
  private readonly rows = new TranscriptRows();
  session: Session | null = null;
  header: SessionHeader | null = null;
  connection: ConnectionIndicator = 'connecting';
  connectionDetail: string | undefined;
  /** True once the newest events are shown and joined with the live stream (the follower went live at least once). */
  historyComplete = false;
  /** Older events remain on the server (the panel loads them as the webview scrolls up, or all at once). */
  hasOlder = false;
  /** Messages from the webview that the panel did not take (see webviewChecks.ts). */
  droppedMessages = 0;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly postedEmitter = new vscode.EventEmitter<HostMessage>();
  private readonly receivedEmitter = new vscode.EventEmitter<WebviewMessage>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** Fires when older events were added to the transcript, or loading them stopped. */
  private readonly olderEmitter = new vscode.EventEmitter<void>();
  /** Every message posted to the webview (tests observe the panel through it). */
  readonly onDidPost = this.postedEmitter.event;
  /** Every valid message the webview posted. */
  readonly onDidReceive = this.receivedEmitter.event;
  readonly onDidDispose = this.disposeEmitter.event;

  private webviewReady = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Calls, failures and durations per tool, for the inspector's Tools tab. */
  private readonly toolStats = new ToolStats();
  private headerTimer: ReturnType<typeof setTimeout> | undefined;
  private headerFailures = 0;
  private follower: AbortController | undefined;
  /** The follow of this generation: asked for older pages. */
  private olderSource: SessionFollower | undefined;
  private olderLoading: OlderHistory['loading'] = 'none';
  private olderError: string | undefined;
  /** The events of the older page under way (they come one by one, then the page's end). */
  private olderPage: SessionEvent[] = [];
  /** Older pages not yet in the transcript, in arrival order (each older than the one before). */
  private olderPages: SessionEvent[][] = [];
  private historyDirty = false;
  private environmentName: string | undefined;
  private disposed = false;
  private generation = 0;
  /** Kinds of dropped webview messages already logged (each is logged once). */
  private readonly droppedKinds = new Set<string>();
  /** The event to show once the webview (re)loads: where the reader was before its CSP changed, or a link's event. */
  private revealAfterReload: string | undefined;
  /** The inspector was opened: its threads and resources are loaded, and kept up to date. */
  private inspecting = false;
  /** The session's threads and resources, loaded once the inspector opens. */
  threads: Loadable<SessionThread> = { state: 'notLoaded' };
  resources: Loadable<SessionResource> = { state: 'notLoaded' };
  /** The inspector's view is to be posted with the next flush. */
  private inspectorDirty = false;
  private threadsTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the webview was last told of the Console button. */
  private consoleAvailable: boolean | undefined;
  /** The lanes are to be posted with the next flush (a thread was created or changed status). */
  private lanesDirty = false;
  /** The subagent thread whose transcript the webview shows instead of the session's. */
  private viewed: ThreadView | undefined;
  /** Each subagent thread the session's events named (session.thread_* events), with its agent's name. */
  private readonly threadNames = new Map<string, string>();
  /** What to show once the viewed thread's history is in: the other side of a thread message. */
  private revealInThread: ((view: ThreadView) => string | undefined) | undefined;
  /** The rubric files chosen in the outcome form (the webview names them by token only). */
  private readonly rubricFiles = new RubricFiles();

  constructor(
    private readonly services: Services,
    readonly sessionId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly drafts: DraftStore,
    private readonly dialogs: HistoryDialogs,
    private readonly images: ImageAllowances,
    private readonly eventDocuments: EventDocuments,
    private readonly opener: ExternalOpener,
  ) {
    const media = vscode.Uri.joinPath(services.context.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    panel.title = `History: ${sessionId}`;
    this.rows.transcript.threadNames = (id) => this.threadNames.get(id);
    this.setHtml();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),

      services.settings.onDidChange(() => this.postConsole()),
      this.postedEmitter,
      this.receivedEmitter,
      this.olderEmitter,
    );
    this.start();
  }

  /** The session's events, in order. */
  get transcript(): Transcript {
    return this.rows.transcript;
  }

  /** Stops following, forgets everything and loads the session again. */
  refresh(): void {
    const viewed = this.viewed?.thread;
    this.stop();
    this.rows.clear();
    this.toolStats.clear();
    this.historyComplete = false;
    this.resetOlder();
    this.session = null;
    this.environmentName = undefined;
    this.threads = { state: 'notLoaded' };
    this.resources = { state: 'notLoaded' };
    if (this.webviewReady) this.post({ type: 'init', sessionId: this.sessionId, draft: this.drafts.get(this.sessionId), header: this.header, images: this.images.get(this.sessionId) });
    this.start();
    // A thread shown before is shown again, from the start.
    if (viewed) this.openThread(viewed.id, viewed.name);
    // The inspector starts over too: loaded again at once when it is open (which posts it).
    if (this.inspecting) this.loadInspected();
    else this.postInspector();
  }

  /** True while the panel follows the session (false once closed or after a fatal error). */
  get following(): boolean {
    return this.follower !== undefined && !this.follower.signal.aborted && this.connection !== 'offline';
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Shows one event (a link to it): at once when the webview is up, else as soon as it has loaded. */
  revealEvent(eventId: string): void {
    // Links name the session's events: a thread shown gives way to the session's transcript.
    if (this.viewed && !this.viewed.rows.transcript.event(eventId)) return this.closeThread(eventId);
    if (this.webviewReady) this.post({ type: 'reveal', eventId });
    else this.revealAfterReload = eventId;
  }

  /** The thread whose transcript the panel shows, if not the session's. */
  get viewedThread(): ViewedThread | undefined {
    return this.viewed?.thread;
  }

  /** The transcript the webview shows: the session's, or the viewed thread's. */
  get shownTranscript(): Transcript {
    return this.viewed?.rows.transcript ?? this.transcript;
  }

  /** The session's resources changed (files attached or removed): the inspector lists them again once it has. */
  resourcesChanged(): void {
    if (this.resources.state !== 'notLoaded') void this.loadResources(this.generation);
  }

  /** Handles a message from the webview. Public so tests can act as the webview. */
  async receive(raw: unknown): Promise<void> {
    if (this.disposed) return;
    // A subagent's blocked call shows in its own transcript and in the session's: either may be answered.
    const checked = checkWebviewMessage(raw, () => [...this.transcript.pendingActions(), ...(this.viewed?.rows.transcript.pendingActions() ?? [])]);
    if (!checked.ok) return this.drop(checked);
    const message = checked.message;
    this.receivedEmitter.fire(message);
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.replay(message.state?.sessionId === this.sessionId ? message.state.draft : undefined);
        return;
      case 'send': {
        const text = message.text;
        if (!text.trim()) return this.answer(message.requestId, 'Type a message first.');
        const overBudget = await this.overBudget();
        if (overBudget) return this.answer(message.requestId, `${overBudget} The Raise Budget button is above.`);
        // A steer goes last, right after the message it accompanies: the one order the API takes.
        const steer = message.steer?.trim() ? [{ type: 'system.message' as const, content: [{ type: 'text' as const, text: message.steer }] }] : [];
        await this.sendEvents(message.requestId, [{ type: 'user.message', content: [{ type: 'text', text }] }, ...steer], () => this.drafts.clear(this.sessionId));
        return;
      }
      case 'defineOutcome': {
        const overBudget = await this.overBudget();
        if (overBudget) return this.answer(message.requestId, `${overBudget} The Raise Budget button is above.`);
        const maxIterations = message.maxIterations.trim() ? { max_iterations: Number(message.maxIterations) } : {};
        let rubric: { type: 'text'; content: string } | { type: 'file'; file_id: string } = { type: 'text', content: message.rubric };
        if (message.rubricFile !== undefined) {
          try {
            rubric = { type: 'file', file_id: await this.rubricFiles.fileId(this.services.client, message.rubricFile) };
          } catch (error) {
            return this.answer(message.requestId, `The rubric file could not be uploaded: ${describeError(error)}`);
          }
        }
        await this.sendEvents(message.requestId, [{ type: 'user.define_outcome', description: message.description, rubric, ...maxIterations }]);
        return;
      }
      case 'pickRubricFile': {
        const chosen = await this.rubricFiles.choose((options) => this.dialogs.pickFiles(options));
        if (chosen) this.post({ type: 'rubricFile', ...chosen });
        return;
      }
      case 'confirm':
        await this.sendEvents(message.requestId, [
          {
            type: 'user.tool_confirmation',
            tool_use_id: message.toolUseId,
            result: message.result,
            ...(message.result === 'deny' && message.denyMessage?.trim() ? { deny_message: message.denyMessage.trim() } : {}),
          },
        ]);
        return;
      case 'toolResult': {
        const content = [{ type: 'text' as const, text: message.text }];
        await this.sendEvents(message.requestId, [
          message.tool === 'custom'
            ? { type: 'user.custom_tool_result', custom_tool_use_id: message.toolUseId, content, is_error: message.isError }
            : { type: 'user.tool_result', tool_use_id: message.toolUseId, content, is_error: message.isError },
        ]);
        return;
      }
      case 'interrupt': {
        const target = await this.interruptTarget();
        if (!target) return this.answer(message.requestId, 'cancelled');
        await this.sendEvents(message.requestId, [{ type: 'user.interrupt', ...(target.threadId ? { session_thread_id: target.threadId } : {}) }]);
        return;
      }
      case 'archive':
        await this.archive(message.requestId);
        return;
      case 'delete':
        await this.delete(message.requestId);
        return;
      case 'raiseBudget':
        await vscode.commands.executeCommand(RAISE_BUDGET, this.sessionId);
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'export':
        await this.exportTranscript();
        return;
      case 'loadOlder':
        // A thread's transcript comes whole: only the session's has older pages.
        if (!this.viewed) this.requestOlder(message.all);
        return;
      case 'cancelOlder':
        this.cancelOlder();
        return;
      case 'draft':
        await this.drafts.set(this.sessionId, message.text);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'attachFiles': {
        // Attach to Session… on this session: it asks which files and where, and says how it went.
        const added = await vscode.commands.executeCommand<FileResource[] | undefined>(ATTACH_TO_SESSION, undefined, undefined, this.sessionId);
        if (added?.length) this.post({ type: 'attached', paths: added.map((mount) => sandboxPath(mount.mount_path)) });
        return;
      }
      case 'openEventJson': {
        const event = this.shownTranscript.event(message.eventId);
        if (event) await this.eventDocuments.show(this.sessionId, event);
        else this.services.log.info(`History ${this.sessionId}: no event ${message.eventId.slice(0, 80)} to open as JSON (it is no longer loaded).`);
        return;
      }
      case 'openInConsole':
        await vscode.commands.executeCommand(OPEN_IN_CONSOLE, this.sessionId);
        return;
      case 'openLink':
        if (isSafeLink(message.url)) await this.opener.open(vscode.Uri.parse(message.url, true));
        return;
      case 'loadImage':
      case 'loadImagesFrom': {
        // The user's choice: from now on the CSP lets this image (or host) through, for this session.
        const allowed = message.type === 'loadImage' ? { url: message.url } : { origin: message.origin };
        if (!this.images.allow(this.sessionId, allowed)) return;
        this.services.log.info(`History ${this.sessionId}: loading ${message.type === 'loadImage' ? `the image ${message.url}` : `every image from ${message.origin}`} (chosen by the user).`);
        this.revealAfterReload = message.reveal;
        this.setHtml();
        return;
      }
      case 'inspect':
        this.inspecting = true;
        this.loadInspected();
        return;
      case 'openThread':
        if (message.threadId === null) this.closeThread();
        else this.openThread(message.threadId);
        return;
      case 'openCounterpart':
        await this.openCounterpart(message.eventId);
        return;
      case 'inspectEvent':
        this.post({ type: 'eventJson', eventId: message.eventId, event: toEventJsonView(this.shownTranscript.event(message.eventId)) });
        return;
      case 'copyEventJson': {
        const event = this.shownTranscript.event(message.eventId);
        if (event) await vscode.env.clipboard.writeText(toJson(event));
        else this.post({ type: 'notice', level: 'info', text: 'That event is no longer loaded: refresh the panel and choose it again.' });
        return;
      }
      case 'log':
        if (message.level === 'error') this.services.log.error(`History webview (${this.sessionId}): ${message.message}`);
        else this.services.log.info(`History webview (${this.sessionId}): ${message.message}`);
        return;
    }
  }

  /** A message the panel does not take: answered when the webview waits on it, and logged once per kind. */
  private drop(dropped: DroppedMessage): void {
    this.droppedMessages++;
    if (!this.droppedKinds.has(dropped.kind)) {
      this.droppedKinds.add(dropped.kind);
      this.services.log.warn(`History ${this.sessionId}: dropped ${dropped.reason} from the webview; others like it are dropped without a word.`);
    }
    if (dropped.requestId) this.answer(dropped.requestId, dropped.answer);
  }

  /** (Re)loads the webview with a CSP that allows the remote images the user chose, and no others. */
  private setHtml(): void {
    const { webview } = this.panel;
    const media = vscode.Uri.joinPath(this.services.context.extensionUri, 'media');
    // Until the new page says `ready`, messages would be lost; it then gets everything again.
    this.webviewReady = false;
    webview.html = historyHtml({
      cspSource: webview.cspSource,
      nonce: crypto.randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'history.css')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'codicon.css')).toString(),
      title: `Session ${this.sessionId}`,
      images: this.images.get(this.sessionId),
    });
  }

  /** Writes the transcript as Markdown or JSON (by the file's extension); asks for the file when not given. */
  async exportTranscript(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const base = (this.header?.title || this.sessionId).replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'session';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await this.dialogs.showSaveDialog({
        title: 'Export Session Transcript',
        saveLabel: 'Export',
        defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.md`) : undefined,
        filters: { Markdown: ['md'], JSON: ['json'] },
      }));
    if (!uri) return undefined;
    const rest = await this.loadAllOlder('Loading the whole history to export');
    if (rest !== 'complete') {
      this.post({ type: 'notice', level: rest === 'cancelled' ? 'info' : 'error', text: rest === 'cancelled' ? 'Export cancelled.' : `Export failed: the older events could not be loaded (${this.olderError ?? 'the panel stopped following'}).` });
      return undefined;
    }
    try {
      const format = exportFormatFor(uri.path);
      const text = format === 'json' ? transcriptToJson(this.session, this.transcript.events) : transcriptToMarkdown(this.header, this.transcript);
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
      const partial = this.historyComplete ? '' : ' (the newest events were still loading)';
      this.post({ type: 'notice', level: 'info', text: `Exported ${this.transcript.length} events to ${uri.fsPath || uri.path}${partial}.` });
      return uri;
    } catch (error) {
      this.post({ type: 'notice', level: 'error', text: `Export failed: ${describeError(error)}` });
      return undefined;
    }
  }

  /**
   * Loads every older event not loaded yet (a page at a time, shown in a cancellable notification)
   * and resolves once they are in the transcript; 'cancelled' or 'failed' otherwise.
   */
  async loadAllOlder(title = 'Loading the whole history'): Promise<'complete' | 'cancelled' | 'failed'> {
    if (!this.hasOlder && !this.olderPages.length) return 'complete';
    const generation = this.generation;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const cancelled = token.onCancellationRequested(() => this.cancelOlder());
      try {
        this.requestOlder(true);
        while (this.hasOlder || this.olderPages.length) {
          // Cancelled here, or from the panel (its Cancel stops the loading with older events left).
          if (token.isCancellationRequested || (this.hasOlder && this.olderLoading === 'none' && this.olderError === undefined)) return 'cancelled';
          if (this.disposed || generation !== this.generation || this.olderError !== undefined) return 'failed';
          progress.report({ message: `${this.transcript.length.toLocaleString('en-US')} events so far` });
          await new Promise<void>((resolve) => {
            const done = vscode.Disposable.from(this.olderEmitter.event(() => (done.dispose(), resolve())), token.onCancellationRequested(() => (done.dispose(), resolve())));
          });
        }
        return 'complete';
      } finally {
        cancelled.dispose();
      }
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  // ---- following the session ------------------------------------------------------------------

  private start(): void {
    const generation = ++this.generation;
    const controller = new AbortController();
    this.follower = controller;
    this.headerFailures = 0;
    this.setConnection('connecting');
    void this.loadHeader(generation);
    void this.follow(controller, generation);
  }

  private stop(): void {
    this.viewed?.dispose();
    this.viewed = undefined;
    this.revealInThread = undefined;
    this.follower?.abort();
    this.follower = undefined;
    this.olderSource = undefined;
    this.olderEmitter.fire();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.headerTimer) clearTimeout(this.headerTimer);
    if (this.threadsTimer) clearTimeout(this.threadsTimer);
    this.flushTimer = undefined;
    this.headerTimer = undefined;
    this.threadsTimer = undefined;
  }

  private async follow(controller: AbortController, generation: number): Promise<void> {
    const stream = followSession(this.services.client, this.sessionId, {
      signal: controller.signal,
      eventDeltas: ['agent.message', 'agent.thinking'],
      // Older pages only as the webview scrolls up to them (or a search, filter or export needs them).
      olderPages: 'onRequest',
      onWarning: (message) => this.services.log.warn(message),
    });
    this.olderSource = stream;
    try {
      for await (const item of stream) {
        if (controller.signal.aborted || generation !== this.generation) break;
        this.accept(item);
      }
      if (!controller.signal.aborted && generation === this.generation) this.setConnection('offline', 'The event stream ended.');
    } catch (error) {
      if (controller.signal.aborted || generation !== this.generation) return;
      this.services.log.warn(`History ${this.sessionId}: following stopped: ${describeError(error)}`);
      this.setConnection('offline', describeError(error));
      // A missing or rejected key: offer to set one (the panel follows again once a key is stored).
      if (isAuthFailure(error)) void showError('Session history', error);
      this.historyComplete = true;
      this.scheduleFlush();
    }
  }

  private accept(item: FollowItem): void {
    switch (item.kind) {
      case 'event':
        // An older page goes before everything shown, as one block once it is complete.
        if (item.place === 'older' && !item.update) this.olderPage.push(item.event);
        else this.acceptEvent(item.event);
        return;
      case 'page':
        this.acceptPage(item);
        return;
      case 'preview':
        this.rows.preview(item.event);
        this.scheduleFlush();
        return;
      case 'connection':
        if (item.state === 'live' && !this.historyComplete) {
          this.historyComplete = true;
          this.scheduleFlush();
        }
        this.setConnection(item.state, item.error ? describeError(item.error) : undefined, item.retryInMs);
        return;
    }
  }

  private acceptPage(page: Extract<FollowItem, { kind: 'page' }>): void {
    this.hasOlder = page.hasOlder;
    if (page.place === 'older') {
      if (this.olderPage.length) this.olderPages.push(this.olderPage);
      this.olderPage = [];
      this.olderError = page.error ? describeError(page.error) : undefined;
      if (page.error) this.services.log.warn(`History ${this.sessionId}: could not load older events: ${this.olderError}`);
      // One page was asked for, or all of them: stop when that is done (or failed).
      if (this.olderLoading === 'page' || !page.hasOlder || page.error) this.olderLoading = 'none';
    }
    this.historyDirty = true;
    this.scheduleFlush();
  }

  private requestOlder(all: boolean): void {
    const source = this.olderSource;
    if (source && this.hasOlder) {
      this.olderError = undefined;
      if (all) {
        this.olderLoading = 'all';
        source.requestOlder('all');
      } else if (this.olderLoading === 'none') {
        this.olderLoading = 'page';
        source.requestOlder(1);
      }
    }
    this.historyDirty = true;
    this.scheduleFlush();
  }

  private cancelOlder(): void {
    this.olderSource?.cancelOlder();
    // The page under way still arrives and is shown; nothing more is asked for.
    this.olderLoading = 'none';
    this.historyDirty = true;
    this.scheduleFlush();
    this.olderEmitter.fire();
  }

  private resetOlder(): void {
    this.hasOlder = false;
    this.olderLoading = 'none';
    this.olderError = undefined;
    this.olderPage = [];
    this.olderPages = [];
    this.historyDirty = true;
  }

  private olderHistory(): OlderHistory {
    if (this.viewed) return { hasOlder: false, loading: 'none', loaded: this.viewed.rows.length };
    return { hasOlder: this.hasOlder, loading: this.olderLoading, loaded: this.transcript.length, ...(this.olderError ? { error: this.olderError } : {}) };
  }

  private acceptEvent(event: SessionEvent): void {
    this.rows.accept(event);
    this.toolStats.add(event);
    if (this.header && event.type.startsWith('session.status_')) {
      const next = withStatusFromEvent(this.header, event.type);
      if (next !== this.header) {
        this.header = next;
        this.post({ type: 'header', header: next });
      }
    }
    if (event.type === 'session.updated' && typeof event.title === 'string' && event.title) this.panel.title = `History: ${event.title}`;
    if (HEADER_REFRESH_TYPES.has(event.type) && this.historyComplete) this.scheduleHeaderRefresh();
    if (INSPECTOR_EVENT_TYPES.has(event.type)) this.inspectorDirty = true;
    if (LANE_EVENT_TYPES.has(event.type)) {
      this.lanesDirty = true;
      this.rememberThreadName(event);
    }
    // A thread started, stopped or used more: the Threads tab shows it once the list is loaded again.
    if (THREAD_EVENT_TYPES.has(event.type) && this.historyComplete && this.threads.state !== 'notLoaded') this.scheduleThreadsRefresh();
    this.scheduleFlush();
  }

  private setConnection(state: ConnectionIndicator, detail?: string, retryInMs?: number): void {
    this.connection = state;
    this.connectionDetail = detail;
    // While a thread is shown, the indicator is its stream's.
    if (!this.viewed) this.post({ type: 'connection', state, detail, retryInMs });
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
  }

  private flush(): void {
    // Older pages that arrived since the last flush, oldest first: one rebuild of the transcript for all of them.
    if (this.olderPages.length) {
      const older = this.olderPages.reverse().flat();
      this.olderPages = [];
      this.rows.prepend(older);
      for (const event of older) this.toolStats.add(event);
      if (older.some((event) => INSPECTOR_EVENT_TYPES.has(event.type))) this.inspectorDirty = true;
      for (const event of older) {
        if (!LANE_EVENT_TYPES.has(event.type)) continue;
        this.lanesDirty = true;
        this.rememberThreadName(event);
      }
      this.olderEmitter.fire();
    }
    if (!this.webviewReady) return;
    if (this.lanesDirty) this.postLanes();
    // The session's rows not shown meanwhile are all sent again when the webview comes back to them.
    const shown = this.viewed;
    for (const patch of shown ? shown.rows.takePatches(shown.historyComplete) : this.rows.takePatches(this.historyComplete)) this.post(patch);
    const tools = (shown?.toolStats ?? this.toolStats).takeChanged();
    if (tools) this.post({ type: 'tools', tools });
    if (this.historyDirty) {
      this.historyDirty = false;
      this.post({ type: 'history', history: this.olderHistory() });
    }
    if (this.inspectorDirty) this.postInspector();
  }

  /** The webview (re)loaded: send it everything from the start. */
  private replay(stateDraft: string | undefined): void {
    const draft = stateDraft || this.drafts.get(this.sessionId);
    const reveal = this.revealAfterReload;
    this.revealAfterReload = undefined;
    this.post({ type: 'init', sessionId: this.sessionId, draft, header: this.header, images: this.images.get(this.sessionId), ...(reveal ? { reveal } : {}), ...(this.viewed ? { thread: this.viewed.thread } : {}) });
    // The lanes before the rows: the transcript is laid out once, at its final height.
    this.postLanes();
    this.postShownTranscript();
    this.postInspector();
    this.postConsole(true);
  }

  /** Says whether the Console button shows: when the webview (re)loads (`always`), or when it changed. */
  private postConsole(always = false): void {
    const { baseUrl, consoleUrl } = this.services.settings.current;
    const available = consoleKnowsSessionsOf(baseUrl, consoleUrl);
    if (!always && available === this.consoleAvailable) return;
    this.consoleAvailable = available;
    this.post({ type: 'console', available });
  }

  /** Every row of the transcript shown (the session's or the viewed thread's), its tool figures, older history and connection. */
  private postShownTranscript(): void {
    const shown = this.viewed;
    for (const patch of shown ? shown.rows.allPatches(shown.historyComplete) : this.rows.allPatches(this.historyComplete)) this.post(patch);
    // The figures as they stand, whether or not they changed since the last flush.
    const stats = shown?.toolStats ?? this.toolStats;
    this.post({ type: 'tools', tools: stats.takeChanged() ?? stats.views() });
    this.historyDirty = false;
    this.post({ type: 'history', history: this.olderHistory() });
    this.post({ type: 'connection', ...(shown ? shown.connection : { state: this.connection, detail: this.connectionDetail }) });
  }

  // ---- threads --------------------------------------------------------------------------------

  private rememberThreadName(event: SessionEvent): void {
    const { session_thread_id: threadId, agent_name: name } = event as { session_thread_id?: unknown; agent_name?: unknown };
    if (typeof threadId !== 'string' || !threadId) return;
    // As the lanes name it: by its agent, or by its id when the API gives no name.
    if (typeof name === 'string' && name) this.threadNames.set(threadId, name);
    else if (!this.threadNames.has(threadId)) this.threadNames.set(threadId, threadId);
  }

  private postLanes(): void {
    this.lanesDirty = false;
    if (!this.webviewReady) return;
    const lanes = threadLanes(this.transcript.events, this.header?.agentName ?? '');
    if (lanes) this.post({ type: 'lanes', lanes });
  }

  /** Shows a subagent thread's own transcript in place of the session's, live. */
  private openThread(threadId: string, name?: string, reveal?: (view: ThreadView) => string | undefined): void {
    if (this.viewed?.thread.id === threadId) {
      if (reveal) this.revealCounterpart(this.viewed, reveal);
      return;
    }
    this.viewed?.dispose();
    const thread: ViewedThread = { id: threadId, name: name ?? this.threadNames.get(threadId) ?? threadId };
    this.revealInThread = reveal;
    const view: ThreadView = new ThreadView(this.services.client, this.sessionId, thread, {
      changed: () => {
        if (this.viewed === view) this.scheduleFlush();
      },
      connection: (state, detail, retryInMs) => {
        if (this.viewed === view) this.post({ type: 'connection', state, detail, retryInMs });
      },
      loaded: () => {
        const wanted = this.revealInThread;
        this.revealInThread = undefined;
        if (this.viewed === view && wanted) this.revealCounterpart(view, wanted);
      },
      warn: (message) => this.services.log.warn(`History ${this.sessionId}: ${message}`),
    });
    // In a subagent's thread, a thread that is not a subagent's is the coordinator's.
    view.rows.transcript.threadNames = (id) => this.threadNames.get(id) ?? this.header?.agentName;
    this.viewed = view;
    this.startOver();
  }

  /** Shows the session's transcript again (at `reveal`, when given). */
  private closeThread(reveal?: string): void {
    if (!this.viewed) {
      if (reveal) this.revealEvent(reveal);
      return;
    }
    this.viewed.dispose();
    this.viewed = undefined;
    this.revealInThread = undefined;
    this.revealAfterReload = reveal;
    this.startOver();
  }

  /** The webview draws the transcript shown (the session's or a thread's) from the start; the reply box and the rest stay. */
  private startOver(): void {
    if (!this.webviewReady) return;
    const reveal = this.revealAfterReload;
    this.revealAfterReload = undefined;
    this.post({ type: 'transcript', ...(this.viewed ? { thread: this.viewed.thread } : {}), ...(reveal ? { reveal } : {}) });
    this.postShownTranscript();
  }

  private revealCounterpart(view: ThreadView, find: (view: ThreadView) => string | undefined): void {
    const eventId = find(view);
    if (eventId) this.post({ type: 'reveal', eventId });
    else this.post({ type: 'notice', level: 'info', text: `The other side of this message is not in the thread of ${view.thread.name}.` });
  }

  /**
   * Shows the other side of a thread message: the subagent's thread at the row that received (or
   * sent) it, or the session's transcript at the coordinator's row.
   */
  private async openCounterpart(eventId: string): Promise<void> {
    const source = this.viewed;
    const message = this.shownTranscript.event(eventId);
    if (!isThreadMessage(message)) return;
    const target = otherThread(message);
    if (source && !this.threadNames.has(target)) {
      // From a subagent to the coordinator: the session's transcript holds the coordinator's side.
      let found = counterpartIn(this.transcript.events, message, source.thread.id);
      if (!found && this.hasOlder && (await this.loadAllOlder('Loading the history to find the other side')) === 'complete') found = counterpartIn(this.transcript.events, message, source.thread.id);
      if (found) this.closeThread(found);
      else this.post({ type: 'notice', level: 'info', text: 'The other side of this message is not in the session’s history.' });
      return;
    }
    this.openThread(target, undefined, (view) => counterpartIn(view.rows.transcript.events, message, source?.thread.id));
  }

  // ---- the inspector --------------------------------------------------------------------------

  private postInspector(): void {
    this.inspectorDirty = false;
    if (!this.webviewReady) return;
    const { session, environmentName, threads, resources } = this;
    this.post({ type: 'inspector', inspector: toInspectorView({ session, environmentName, events: this.transcript.events, threads, resources }) });
  }

  /** Loads the threads and the resources not loaded yet (or whose last load failed). */
  private loadInspected(): void {
    const generation = this.generation;
    const wanted = (load: Loadable<unknown>) => load.state === 'notLoaded' || load.state === 'failed';
    if (wanted(this.threads)) void this.loadThreads(generation);
    if (wanted(this.resources)) void this.loadResources(generation);
    this.postInspector();
  }

  private scheduleThreadsRefresh(): void {
    if (this.threadsTimer || this.disposed) return;
    const generation = this.generation;
    this.threadsTimer = setTimeout(() => {
      this.threadsTimer = undefined;
      void this.loadThreads(generation);
    }, HEADER_REFRESH_DELAY_MS);
  }

  private async loadThreads(generation: number): Promise<void> {
    // A reload keeps the threads shown until the new list is in.
    if (this.threads.state !== 'loaded') this.threads = { state: 'loading' };
    const loaded = await this.loadList('threads', generation, (signal) => this.services.client.sessions.threads.list(this.sessionId, undefined, { signal }).toArray());
    if (!loaded) return;
    this.threads = loaded;
    this.postInspector();
  }

  private async loadResources(generation: number): Promise<void> {
    if (this.resources.state !== 'loaded') this.resources = { state: 'loading' };
    const loaded = await this.loadList('resources', generation, (signal) => this.services.client.sessions.resources.list(this.sessionId, undefined, { signal }).toArray());
    if (!loaded) return;
    this.resources = loaded;
    this.postInspector();
  }

  /** One of the inspector's lists, or why it could not be loaded; undefined when the panel moved on meanwhile. */
  private async loadList<T>(what: string, generation: number, load: (signal: AbortSignal | undefined) => Promise<T[]>): Promise<Loadable<T> | undefined> {
    try {
      const items = await load(this.follower?.signal);
      if (this.disposed || generation !== this.generation) return undefined;
      return { state: 'loaded', items };
    } catch (error) {
      if (this.disposed || generation !== this.generation) return undefined;
      this.services.log.warn(`History ${this.sessionId}: could not load the ${what}: ${describeError(error)}`);
      return { state: 'failed', error: describeError(error) };
    }
  }

  private scheduleHeaderRefresh(delayMs = HEADER_REFRESH_DELAY_MS): void {
    if (this.headerTimer || this.disposed) return;
    const generation = this.generation;
    this.headerTimer = setTimeout(() => {
      this.headerTimer = undefined;
      void this.loadHeader(generation);
    }, delayMs);
  }

  private async loadHeader(generation: number): Promise<void> {
    const signal = this.follower?.signal;
    try {
      // Whatever the server sent, the header gets fields of the types it expects.
      const session = sanitizeSession(await this.services.client.sessions.retrieve(this.sessionId, { signal }));
      if (!session) throw new Error('The API answered without a session.');
      if (this.disposed || generation !== this.generation) return;
      if (this.environmentName === undefined) {
        this.environmentName = session.environment_id;
        try {
          const environment = await this.services.client.environments.retrieve(session.environment_id, { signal });
          this.environmentName = typeof environment.name === 'string' && environment.name ? environment.name : session.environment_id;
        } catch {
          // the id will do
        }
        if (this.disposed || generation !== this.generation) return;
      }
      this.session = session;
      this.header = toHeader(session, this.environmentName);
      this.panel.title = `History: ${this.header.title}`;
      this.post({ type: 'header', header: this.header });
      this.postInspector();
      if (this.headerFailures > 0) this.post({ type: 'notice', level: 'info', text: 'The session details are loaded again.' });
      this.headerFailures = 0;
    } catch (error) {
      if (this.disposed || generation !== this.generation || signal?.aborted) return;
      this.services.log.warn(`History ${this.sessionId}: could not load the session: ${describeError(error)}`);
      if (!isTransientError(error)) {
        this.post({ type: 'notice', level: 'error', text: `Could not load the session: ${describeError(error)}` });
        return;
      }
      // Busy or unreachable for now: say so calmly and try again later, backing off.
      const delay = Math.min(HEADER_RETRY_BASE_MS * 2 ** this.headerFailures++, HEADER_RETRY_MAX_MS);
      this.post({ type: 'notice', level: 'info', text: `The session details could not be loaded yet; retrying in ${Math.round(delay / 1000)} s. (${describeError(error)})` });
      this.scheduleHeaderRefresh(delay);
    }
  }

  // ---- acting on the session ------------------------------------------------------------------

  /**
   * What Interrupt stops: in a multiagent session with subagents at work, the user chooses the whole
   * session or one thread; otherwise the whole session (no thread id). Undefined if they chose nothing.
   */
  private async interruptTarget(): Promise<{ threadId?: string } | undefined> {
    if (!this.session?.agent?.multiagent) return {};
    let threads: SessionThread[];
    try {
      threads = await this.services.client.sessions.threads.list(this.sessionId).toArray();
    } catch (error) {
      this.services.log.warn(`History ${this.sessionId}: could not list the threads before interrupting; interrupting the whole session: ${describeError(error)}`);
      return {};
    }
    const working = threads.filter((thread) => !isPrimaryThread(thread) && !thread.archived_at && isActive(thread.status));
    if (working.length === 0) return {};
    const thread = (one: SessionThread) => ({ label: `The thread of ${threadName(one)}`, detail: `${one.status} · ${one.id}: only this subagent stops; the others go on.`, threadId: one.id });
    const whole = { label: 'The whole session', detail: 'Every thread stops: the coordinator and each subagent.', threadId: undefined };
    // The thread shown is what the user most likely means.
    const shown = working.find((one) => one.id === this.viewed?.thread.id);
    const choices = shown ? [thread(shown), whole, ...working.filter((one) => one !== shown).map(thread)] : [whole, ...working.map(thread)];
    const picked = await this.dialogs.pick(choices, 'Interrupt what?');
    return picked && { threadId: picked.threadId };
  }

  private async sendEvents(requestId: string, events: EventParams[], onSuccess?: () => Promise<void>): Promise<void> {
    // Events known before the send cannot be the ones it delivers (see reconcileSend).
    const knownIds = new Set(this.transcript.events.map((event) => event.id));
    const startedAt = Date.now();
    try {
      const response = await this.services.client.sessions.events.send(this.sessionId, { events });
      // Show what was accepted at once; the stream later delivers the same ids (replaced in place).
      for (const sent of response?.data ?? []) if (sent && typeof sent.id === 'string') this.acceptEvent(sent);
      // Answered before the draft is forgotten (a storage write): the reply box empties as the message shows.
      this.answer(requestId);
      await onSuccess?.();
    } catch (error) {
      const what = events.map((e) => e.type).join(', ');
      this.services.log.warn(`History ${this.sessionId}: sending ${what} failed: ${describeError(error)}`);
      if (!mayHaveActed(error) || this.disposed) {
        // Refused because of the session's state (400 or 409): what it is now, and what to do.
        const explained = this.disposed ? undefined : await explainRefusal(this.services.client, 'send', this.sessionId, error);
        if (explained) this.scheduleHeaderRefresh(0);
        return this.answer(requestId, explained?.advice ?? describeError(error));
      }
      // The answer was lost, not necessarily the events: never send them again, look for them.
      const result = await reconcileSend(this.services.client, this.sessionId, events, { startedAt, knownIds });
      const noun = events.length === 1 && events[0].type === 'user.message' ? 'the message' : events.length === 1 ? 'the answer' : 'the events';
      const message = sendReconciliationMessage(error, result, noun);
      this.services.log.warn(`History ${this.sessionId}: ${message}`);
      if (result.outcome !== 'arrived') return this.answer(requestId, message.replace(/\.$/, ''));
      for (const arrived of result.events) this.acceptEvent(arrived);
      this.answer(requestId);
      await onSuccess?.();
      this.post({ type: 'notice', level: 'info', text: message });
    }
  }

  /**
   * Archives through the Archive command, which offers to interrupt a running session first (its
   * question is then the confirmation); an idle one is confirmed here.
   */
  private async archive(requestId: string): Promise<void> {
    const running = this.header?.status === 'running' || this.header?.status === 'rescheduling';
    if (!running) {
      const confirmed = await this.dialogs.confirm(`Archive session “${this.header?.title ?? this.sessionId}”? It stays readable but can no longer be used.`, 'Archive');
      if (!confirmed) return this.answer(requestId, 'cancelled');
    }
    const archived = await vscode.commands.executeCommand<boolean>('managedAgents.archive', this.sessionId);
    // When not archived the command has said why (or the user declined).
    this.answer(requestId, archived ? undefined : 'cancelled');
    if (archived) this.scheduleHeaderRefresh(0);
  }

  /** Deletes through the Delete command (its confirmation, and the interrupt offer for a running session); the panel closes. */
  private async delete(requestId: string): Promise<void> {
    const deleted = await vscode.commands.executeCommand<boolean>('managedAgents.delete', this.sessionId);
    this.answer(requestId, deleted ? undefined : 'cancelled');
    if (deleted) this.dispose();
  }

  /** Why a message would stop at once: the session is over its budget (checked again when it looks so). */
  private async overBudget(): Promise<string | undefined> {
    if (!this.session || !overBudgetAdvice(this.session)) return undefined;
    const now = await currentSession(this.services.client, this.sessionId);
    return overBudgetAdvice(now ?? this.session);
  }

  private answer(requestId: string, error?: string): void {
    this.post(error === undefined ? { type: 'result', requestId, ok: true } : { type: 'result', requestId, ok: false, error });
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    this.postedEmitter.fire(message);
    // Before the script says `ready` messages would be lost. A hidden webview is torn down (no
    // retainContextWhenHidden) and drops what it is sent; when shown again it says `ready` and gets a replay.
    if (!this.webviewReady) return;
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }
}
