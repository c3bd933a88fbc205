// When the sessions list should refresh next. Pure (no vscode, no timers): the store feeds it what
// happened and asks for the time of the next refresh, so every rule here is unit-testable.

export interface RefreshPolicyOptions {
  /** Interval while any session is running or rescheduling. */
  activeSeconds: number;
  /** Interval while every session is idle or ended. */
  idleSeconds: number;
  /** Longest wait between retries after errors. */
  maxBackoffSeconds?: number;
}

export type RefreshOutcome =
  | { kind: 'ok'; anyActive: boolean }
  /** Any failure other than a missing or rejected key: retry with back-off. */
  | { kind: 'error' }
  /** No key, or the API rejected it: polling stops until the key changes. */
  | { kind: 'unauthorized' };

const DEFAULT_MAX_BACKOFF_SECONDS = 120;

export class RefreshPolicy {
  private options: Required<RefreshPolicyOptions>;
  private viewVisible = false;
  private windowFocused = true;
  private unauthorized = false;
  private anyActive = false;
  private consecutiveErrors = 0;
  private lastAttemptAt: number | undefined;
  private activityExpectedUntil = 0;

  constructor(options: RefreshPolicyOptions) {
    this.options = withDefaults(options);
  }

  configure(options: RefreshPolicyOptions): void {
    this.options = withDefaults(options);
  }

  setViewVisible(visible: boolean): void {
    this.viewVisible = visible;
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
  }

  /** Polling waits while nobody can see the list; the next refresh after a pause happens at once if one fell due. */
  get paused(): boolean {
    return !this.viewVisible || !this.windowFocused;
  }

  /** True after a missing or rejected key, until `keyChanged`. */
  get stopped(): boolean {
    return this.unauthorized;
  }

  get errorCount(): number {
    return this.consecutiveErrors;
  }

  record(outcome: RefreshOutcome, now: number): void {
    this.lastAttemptAt = now;
    switch (outcome.kind) {
      case 'ok':
        this.consecutiveErrors = 0;
        this.unauthorized = false;
        this.anyActive = outcome.anyActive;
        break;
      case 'error':
        this.consecutiveErrors++;
        break;
      case 'unauthorized':
        this.unauthorized = true;
        this.consecutiveErrors = 0;
        break;
    }
  }

  /** A new key (or settings pointing elsewhere) may fix what stopped polling. */
  keyChanged(): void {
    this.unauthorized = false;
    this.consecutiveErrors = 0;
  }

  /** Activity may change without a list refresh (a session refreshed after a command). */
  setAnyActive(anyActive: boolean): void {
    this.anyActive = anyActive;
  }

  /** After a user action (message sent, interrupt) a session changes soon: poll fast until `until`. */
  expectActivity(until: number): void {
    this.activityExpectedUntil = Math.max(this.activityExpectedUntil, until);
  }

  /** Milliseconds between refreshes in the current situation (ignoring pauses). */
  intervalMs(): number {
    const { activeSeconds, idleSeconds, maxBackoffSeconds } = this.options;
    if (this.consecutiveErrors > 0) {
      // Back off from the active interval: 2x, 4x, 8x ... capped.
      const seconds = Math.min(maxBackoffSeconds, activeSeconds * 2 ** this.consecutiveErrors);
      return Math.round(seconds * 1000);
    }
    const expectingActivity = (this.lastAttemptAt ?? 0) < this.activityExpectedUntil;
    return Math.round((this.anyActive || expectingActivity ? activeSeconds : idleSeconds) * 1000);
  }

  /**
   * When the next automatic refresh should run, or undefined for none: before the first load (the
   * view's first request loads it), while paused, and after a missing or rejected key. A time in
   * the past means "now" (a refresh fell due during a pause).
   */
  nextRefreshAt(): number | undefined {
    if (this.lastAttemptAt === undefined || this.unauthorized || this.paused) return undefined;
    return this.lastAttemptAt + this.intervalMs();
  }
}

function withDefaults(options: RefreshPolicyOptions): Required<RefreshPolicyOptions> {
  const activeSeconds = Math.max(0.1, options.activeSeconds);
  const idleSeconds = Math.max(activeSeconds, options.idleSeconds);
  const maxBackoffSeconds = Math.max(activeSeconds, options.maxBackoffSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS);
  return { activeSeconds, idleSeconds, maxBackoffSeconds };
}
