// Acting as a history panel's webview: post a message that asks for something and wait for the
// host's answer to it.
import type { HistoryPanel } from '../../../src/history/historyPanel';
import type { HostMessage, WebviewMessage } from '../../../src/webview/protocol';

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
