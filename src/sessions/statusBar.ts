// A status bar entry with the number of running sessions, which turns into a warning when a session
// waits for the user. Hidden when there is nothing to say. Click: the Sessions view.
import * as vscode from 'vscode';
import { escapeMarkdown, sessionLabel } from '../webview/format';
import { SESSIONS_VIEW_ID } from './sessionsView';
import type { SessionsStore } from './store/sessionsStore';
import { isActive, needsAction, summarize } from './sessionState';

export class SessionsStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is shown (VS Code cannot be asked; tests read it here). */
  visible = false;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: SessionsStore) {
    this.item = vscode.window.createStatusBarItem('managedAgents.sessionsStatus', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Managed Agents Sessions';
    this.item.command = { command: `${SESSIONS_VIEW_ID}.focus`, title: 'Show Sessions' };
    this.disposables = [this.item, store.onDidChangeSessions(() => this.update()), store.onDidChangeState(() => this.update())];
    this.update();
  }

  private update(): void {
    const entries = this.store.state.load === 'noKey' ? [] : this.store.sessions;
    const { active, needsAction: waiting } = summarize(entries);
    if (active === 0 && waiting === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const counts: { icon: string; words: string }[] = [];
    if (waiting > 0) counts.push({ icon: '$(bell-dot)', words: `${waiting} need${waiting === 1 ? 's' : ''} input` });
    if (active > 0) counts.push({ icon: '$(sync~spin)', words: `${active} running` });
    this.item.text = counts.map(({ icon, words }) => `${icon} ${words}`).join('  ');
    this.item.backgroundColor = waiting > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // The name starts with the words on screen (voice control: "click 3 need input"), then says whose they are.
    this.item.accessibilityInformation = { label: `${counts.map(({ words }) => words).join(', ')}: Managed Agents sessions. Show them.`, role: 'button' };
    this.item.tooltip = this.tooltip();
    this.item.show();
    this.visible = true;
  }

  private tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    const waiting = this.store.sessions.filter(needsAction);
    const running = this.store.sessions.filter((entry) => !entry.session.archived_at && isActive(entry.session.status));
    const list = (title: string, entries: typeof waiting) =>
      entries.length ? `**${title}**  \n${entries.slice(0, 10).map((entry) => `- ${escapeMarkdown(sessionLabel(entry.session))}`).join('\n')}\n\n` : '';
    md.appendMarkdown(list('Waiting for your input', waiting) + list('Running', running) + 'Click to show the sessions.');
    return md;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
