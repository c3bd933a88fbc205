// The file-name convention for body files: `<name>.session.yaml` (create), `<name>.events.yaml`
// (send) and `<name>.update.yaml` (update), `.yml` too. package.json's `yamlValidation` uses the
// same patterns. Pure (no vscode).
import type { BodyKind } from '../bodies';

const SUFFIX_RE = /\.(session|events|update)\.ya?ml$/i;

/** The kind a file name promises (`x.events.yaml` -> send), if it follows the convention. */
export function kindFromFileName(fileName: string): BodyKind | undefined {
  const match = SUFFIX_RE.exec(fileName);
  if (!match) return undefined;
  const suffix = match[1].toLowerCase();
  return suffix === 'session' ? 'create' : suffix === 'events' ? 'send' : 'update';
}

/** The file name's last path segment ("/a/b/x.session.yaml" -> "x.session.yaml"). */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
