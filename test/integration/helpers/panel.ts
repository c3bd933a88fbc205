// History panels in the suites: opening one through its command, and acting as its webview (post a
// message that asks for something and wait for the host's answer to it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HistoryPanel } from '../../../src/history/historyPanel';
import type { HostMessage, WebviewMessage } from '../../../src/webview/protocol';

/** Opens (or reveals) a session's panel with Open History, as a user would. */
export async function openPanel(sessionId: string): Promise<HistoryPanel> {
  const panel = await vscode.commands.executeCommand<HistoryPanel | undefined>('managedAgents.openHistory', sessionId);
  assert.ok(panel, 'managedAgents.openHistory returned no panel');
  return panel;
}

/** Sends as the webview would, and waits for the host's `result` for the message's request id. */
export async function act(panel: HistoryPanel, message: WebviewMessage & { requestId: string }): Promise<{ ok: boolean; error?: string }> {
  const answer = new Promise<{ ok: boolean; error?: string }>((resolve) => {
    const subscription = panel.onDidPost((posted: HostMessage) => {
      if (posted.type === 'result' && posted.requestId === message.requestId) {
        subscription.dispose();
        resolve({ ok: posted.ok, error: posted.error });
      }
    });
  });
  await panel.receive(message);
  return answer;
}
