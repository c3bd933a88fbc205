// The extension's settings, read in one place, with a change event.
import * as vscode from 'vscode';

export const SECTION = 'managedAgents';

export interface SettingsSnapshot {
  baseUrl: string;
  workspaceId: string;
  /** Poll interval while any session is running or rescheduling. */
  activeRefreshSeconds: number;
  /** Poll interval while every session is idle or ended. */
  idleRefreshSeconds: number;
  pageSize: number;
}

export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SettingsSnapshot>();
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) this.changed.fire(this.current);
    });
  }

  get current(): SettingsSnapshot {
    const config = vscode.workspace.getConfiguration(SECTION);
    return {
      baseUrl: config.get<string>('baseUrl') || 'https://api.anthropic.com',
      workspaceId: config.get<string>('workspaceId') ?? '',
      activeRefreshSeconds: clamp(config.get<number>('refresh.activeSeconds') ?? 3, 1, 300),
      idleRefreshSeconds: clamp(config.get<number>('refresh.idleSeconds') ?? 30, 5, 3600),
      pageSize: clamp(config.get<number>('pageSize') ?? 50, 1, 100),
    };
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
