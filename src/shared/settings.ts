// The extension's settings, read in one place, with a change event. How requests leave the machine
// comes from VS Code's own `http.*` settings, the ones the editor uses for its own requests.
import * as vscode from 'vscode';
import type { NetworkOptions } from '../api';
import { DEFAULT_CONSOLE_URL } from '../links/consoleUrl';

const SECTION = 'managedAgents';
/** VS Code's section for proxies and certificates. */
const HTTP_SECTION = 'http';

export interface SettingsSnapshot {
  baseUrl: string;
  workspaceId: string;
  /** Poll interval while any session is running or rescheduling. */
  activeRefreshSeconds: number;
  /** Poll interval while every session is idle or ended. */
  idleRefreshSeconds: number;
  pageSize: number;
  /** Proxy and certificates, from `http.*`; the environment (HTTPS_PROXY...) fills in what they leave unset. */
  network: NetworkOptions;
  /** YAML bodies longer than this (characters) are not checked while typing. */
  maxLiveCheckChars: number;
  /** The Claude Console's address, for Open in Console. */
  consoleUrl: string;
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
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration(HTTP_SECTION)) this.changed.fire(this.current);
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
      network: networkSettings(vscode.workspace.getConfiguration(HTTP_SECTION)),
      maxLiveCheckChars: clamp(config.get<number>('yaml.maxLiveCheckKB') ?? 1024, 0, 100 * 1024) * 1024,
      consoleUrl: config.get<string>('consoleUrl')?.trim() || DEFAULT_CONSOLE_URL,
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

/**
 * Says in the log when a workspace or folder chooses the workspace id sent as anthropic-workspace-id
 * (it carries no secret, but it decides whose sessions are listed), now and whenever that changes.
 */
export function logWorkspaceIdSource(settings: Settings, log: vscode.LogOutputChannel): vscode.Disposable {
  let source = '';
  const logSource = () => {
    const override = settings.workspaceOverride('workspaceId');
    const next = override ? `${override.file} ${override.value}` : '';
    if (next === source) return;
    source = next;
    if (override) {
      log.info(`"managedAgents.workspaceId" comes from ${override.label.replace(/^This/, 'this')} (${override.file}): ${override.value} is sent as anthropic-workspace-id${override.userValue ? ` instead of your own ${override.userValue}` : ''}.`);
    }
  };
  logSource();
  return settings.onDidChange(logSource);
}

/** VS Code's `http.proxy`, `http.proxySupport`, `http.noProxy`, `http.proxyStrictSSL`, `http.proxyAuthorization`, `http.systemCertificates`. */
function networkSettings(http: Pick<vscode.WorkspaceConfiguration, 'get'>): NetworkOptions {
  const noProxy = http.get<unknown>('noProxy');
  const authorization = http.get<unknown>('proxyAuthorization');
  return {
    proxy: stringOr(http.get<unknown>('proxy'), ''),
    proxySource: 'http.proxy',
    noProxy: Array.isArray(noProxy) ? noProxy.filter((entry): entry is string => typeof entry === 'string') : [],
    noProxySource: 'http.noProxy',
    ...(typeof authorization === 'string' && authorization ? { proxyAuthorization: authorization } : {}),
    proxyStrictSSL: http.get<unknown>('proxyStrictSSL') !== false,
    // 'off' turns proxying off for extensions; 'on', 'fallback' and 'override' all use the proxy.
    useProxy: http.get<unknown>('proxySupport') !== 'off',
    systemCertificates: http.get<unknown>('systemCertificates') !== false,
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
