// The extension's settings, read in one place, with a change event. How requests leave the machine
// comes from VS Code's own `http.*` settings, the ones the editor uses for its own requests.
import * as vscode from 'vscode';
import type { NetworkOptions } from './api';

export const SECTION = 'managedAgents';
/** VS Code's section for proxies and certificates. */
export const HTTP_SECTION = 'http';

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
      baseUrl: config.get<string>('baseUrl') || 'https://api.anthropic.com',
      workspaceId: config.get<string>('workspaceId') ?? '',
      activeRefreshSeconds: clamp(config.get<number>('refresh.activeSeconds') ?? 3, 1, 300),
      idleRefreshSeconds: clamp(config.get<number>('refresh.idleSeconds') ?? 30, 5, 3600),
      pageSize: clamp(config.get<number>('pageSize') ?? 50, 1, 100),
      network: networkSettings(vscode.workspace.getConfiguration(HTTP_SECTION)),
    };
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

/** VS Code's `http.proxy`, `http.proxySupport`, `http.noProxy`, `http.proxyStrictSSL`, `http.proxyAuthorization`, `http.systemCertificates`. */
export function networkSettings(http: Pick<vscode.WorkspaceConfiguration, 'get'>): NetworkOptions {
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
