// The integration probe extension (test/integration/probe-extension), loaded by the runners next to the
// extension under test: it gives tests an ExtensionContext's SecretStorage.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const PROBE_EXTENSION_ID = 'managed-agents-tools.integration-probe';

/** Folder of the probe extension in the source tree (runners pass it as a second extensionDevelopmentPath). */
export const PROBE_EXTENSION_DIR = path.resolve(__dirname, '../../../../test/integration/probe-extension');

export interface ProbeApi {
  secrets: vscode.SecretStorage;
  extensionMode: vscode.ExtensionMode;
}

export async function activateProbe(): Promise<ProbeApi> {
  const probe = vscode.extensions.getExtension<ProbeApi>(PROBE_EXTENSION_ID);
  if (!probe) throw new Error(`${PROBE_EXTENSION_ID} is not loaded: the runner must pass ${PROBE_EXTENSION_DIR} as an extensionDevelopmentPath`);
  return probe.activate();
}
