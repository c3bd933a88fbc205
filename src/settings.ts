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
  /** YAML bodies longer than this (characters) are not checked while typing. */
  maxLiveCheckChars: number;
}

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** A setting whose effective value comes from the workspace's or a folder's settings, not the user's. */
export interface WorkspaceOverride {
  /** The value the workspace (or folder) sets. */
  value: string;
  /** What applies without it: the user's own value, or the default. */
  userValue: string;
  /** "This folder's settings" or "This workspace's settings", to start a sentence with. */
  label: string;
  /** Where it is written: `.vscode/settings.json`, or the `.code-workspace` file. */
  file: string;
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
      baseUrl: config.get<string>('baseUrl') || DEFAULT_BASE_URL,
      workspaceId: config.get<string>('workspaceId') ?? '',
      activeRefreshSeconds: clamp(config.get<number>('refresh.activeSeconds') ?? 3, 1, 300),
      idleRefreshSeconds: clamp(config.get<number>('refresh.idleSeconds') ?? 30, 5, 3600),
      pageSize: clamp(config.get<number>('pageSize') ?? 50, 1, 100),
      maxLiveCheckChars: clamp(config.get<number>('yaml.maxLiveCheckKB') ?? 1024, 0, 100 * 1024) * 1024,
    };
  }

  /** The workspace's or a folder's value of `key` when it is the one in effect (undefined: the user's own or the default). */
  workspaceOverride(key: 'baseUrl' | 'workspaceId'): WorkspaceOverride | undefined {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect<string>(key);
    const folderValue = inspected?.workspaceFolderValue;
    const value = folderValue || inspected?.workspaceValue;
    // Not in effect when VS Code ignores it (an untrusted workspace takes these from user settings only).
    if (!inspected || !value || config.get<string>(key) !== value) return undefined;
    const userValue = inspected.globalValue || inspected.defaultValue || (key === 'baseUrl' ? DEFAULT_BASE_URL : '');
    const workspaceFile = vscode.workspace.workspaceFile;
    if (!folderValue && workspaceFile && workspaceFile.scheme !== 'untitled') {
      return { value, userValue, label: "This workspace's settings", file: workspaceFile.path.split('/').pop() || 'the workspace file' };
    }
    return { value, userValue, label: "This folder's settings", file: '.vscode/settings.json' };
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
