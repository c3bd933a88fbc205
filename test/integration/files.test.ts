// Session files in a real extension host, against the simulator: attach workspace files and folders
// (and see the mounts the API made), the files a `#write` turn made under the session's Files row,
// opened read-only, compared with a workspace file and downloaded; and nothing half-done after a
// failure. Dialogs cannot be clicked here: the tests answer them by replacing the dialogs' methods.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileMetadata, FileResource, Session } from '../../src/api';
import type { ManagedAgentsExtensionApi } from '../../src/extension';
import type { FilesDialogs } from '../../src/files/filesDialogs';
import type { SessionDialogs } from '../../src/sessions/sessionDialogs';
import type { SessionsTreeNode } from '../../src/sessions/tree/sessionsTreeProvider';
import { extensionWithAgent } from './helpers/fixtures';
import { openPanel } from './helpers/panel';
import { browser, skipWithoutBridge } from './helpers/bridge';
import { requestLog, setFaults, simulatorControl } from './helpers/simulator';
import { waitFor } from './helpers/wait';

let api: ManagedAgentsExtensionApi;
let agentId: string;
let environmentId: string;
let originalFilesDialogs: FilesDialogs;
let originalSessionDialogs: SessionDialogs;
/** A folder of this run's files, inside the workspace folder. */
let root: string;
const runTag = `files-${Date.now().toString(36)}`;
const created: string[] = [];

function write(relative: string, text: string): vscode.Uri {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

async function createSession(name: string): Promise<Session> {
  const session = await api.services.client.sessions.create({ agent: agentId, environment_id: environmentId, title: `${runTag} ${name}` });
  created.push(session.id);
  await api.sessions.store.refresh();
  return session;
}

async function mountsOf(sessionId: string): Promise<FileResource[]> {
  return (await api.services.client.sessions.resources.list(sessionId).toArray()).filter((resource): resource is FileResource => resource.type === 'file');
}

/** The rows under a session's Files row, as the tree shows them. */
async function fileRows(sessionId: string): Promise<{ node: SessionsTreeNode; item: vscode.TreeItem }[]> {
  const tree = api.sessions.view.tree;
  const row = tree.nodeForSession(sessionId);
  assert.ok(row, 'the session has a row');
  const [files] = await tree.getChildren(row);
  assert.equal(files?.kind, 'files', "the session row's first child is Files");
  return (await tree.getChildren(files)).map((node) => ({ node, item: tree.getTreeItem(node) }));
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The path the workspace shows for a file of this run, as Attach computes the default mount path. */
function relativeOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

describe('Session files', function () {
  this.timeout(60_000);

  before(async () => {
    const started = await extensionWithAgent();
    api = started.api;
    agentId = started.agent.id;
    environmentId = started.environment.id;
    originalFilesDialogs = { ...api.files.dialogs };
    originalSessionDialogs = { ...api.sessions.dialogs };
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.equal(workspace?.scheme, 'file', 'the runner opens a workspace folder on disk');
    root = path.join(workspace.fsPath, runTag);
    fs.mkdirSync(root, { recursive: true });
  });

  afterEach(async () => {
    Object.assign(api.files.dialogs, originalFilesDialogs);
    Object.assign(api.sessions.dialogs, originalSessionDialogs);
    await setFaults(undefined);
  });

  after(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    for (const id of created) await api.services.client.sessions.delete(id).catch(() => undefined);
  });

  it('attaches a workspace file at the path the person confirms, and lists it under the session', async () => {
    const session = await createSession('attach one');
    const notes = write('docs/notes.md', '# Notes\n\nThe agent reads these.\n');
    const asked: string[] = [];
    api.files.dialogs.askMountPath = async ({ value }) => {
      asked.push(value);
      return '/input/notes.md';
    };
    const added = await vscode.commands.executeCommand<FileResource[]>('managedAgents.attachToSession', notes, [notes], session.id);
    assert.deepEqual(asked, [`/${relativeOf(notes)}`], 'the default mount path is the workspace-relative path');
    assert.equal(added.length, 1);
    const mounts = await mountsOf(session.id);
    assert.deepEqual(mounts.map((mount) => mount.id), [added[0].id]);
    assert.match(mounts[0].mount_path, /\/input\/notes\.md$/);
    const uploaded = await api.services.client.files.retrieveMetadata(added[0].file_id).catch(() => undefined);
    if (uploaded) assert.equal(uploaded.size_bytes, fs.statSync(notes.fsPath).size);

    const rows = await fileRows(session.id);
    assert.deepEqual(rows.map((row) => row.item.contextValue), ['sessionFile.mount']);
    assert.equal(rows[0].item.label, 'notes.md');
    assert.match(String(rows[0].item.description), /^attached at .*\/input$/);

    // Remove from Session unmounts it, after asking.
    let question = '';
    api.sessions.dialogs.confirm = async (message) => {
      question = message;
      return true;
    };
    assert.equal(await vscode.commands.executeCommand('managedAgents.removeSessionFile', rows[0].node), true);
    assert.match(question, /notes\.md/);
    assert.deepEqual(await mountsOf(session.id), []);
    assert.equal((await fileRows(session.id))[0].item.label, 'No files yet');
  });

  it('attaches a folder: its files keep their paths, and what .gitignore excludes stays home', async () => {
    const session = await createSession('attach folder');
    const folder = vscode.Uri.file(path.join(root, 'project'));
    write('project/.gitignore', '*.log\nbuild/\n');
    write('project/main.py', 'print("hi")\n');
    write('project/src/util.py', 'X = 1\n');
    write('project/debug.log', 'noise\n');
    write('project/build/out.bin', 'binary\n');
    write('project/src/.gitignore', 'secret.txt\n');
    write('project/src/secret.txt', 'do not send\n');
    api.files.dialogs.askMountPath = async ({ value, several }) => {
      assert.equal(several, true);
      return value;
    };
    const added = await vscode.commands.executeCommand<FileResource[]>('managedAgents.attachToSession', folder, [folder], session.id);
    const base = relativeOf(folder);
    const expected = ['.gitignore', 'main.py', 'src/.gitignore', 'src/util.py'].map((name) => `/${base}/${name}`);
    assert.deepEqual(added.map((mount) => mount.mount_path.replace(/^\/mnt\/session\/uploads/, '')).sort(), expected.sort());
    assert.equal((await mountsOf(session.id)).length, 4);
  });

  it('asks before attaching many files, and attaches nothing when the answer is no', async () => {
    const session = await createSession('attach many');
    const folder = vscode.Uri.file(path.join(root, 'many'));
    for (let index = 0; index < 25; index++) write(`many/file-${index}.txt`, `file ${index}\n`);
    api.files.dialogs.askMountPath = async ({ value }) => value;
    let question = '';
    api.sessions.dialogs.confirm = async (message) => {
      question = message;
      return false;
    };
    const added = await vscode.commands.executeCommand<FileResource[]>('managedAgents.attachToSession', folder, [folder], session.id);
    assert.match(question, /^Attach 25 files \(.+\) to /);
    assert.deepEqual(added, []);
    assert.deepEqual(await mountsOf(session.id), []);
  });

  it('leaves nothing half-done when a mount fails: the mounts of the run are removed and its uploads deleted', async () => {
    const session = await createSession('attach fails');
    const first = write('fails/a.txt', 'a\n');
    const second = write('fails/b.txt', 'b\n');
    api.files.dialogs.askMountPath = async ({ value }) => value;
    const filesBefore = new Set((await api.services.client.files.list({ limit: 100 }).toArray()).map((file) => file.id));
    // The second mount is refused: the first, already made, must go again.
    let calls = 0;
    const add = api.services.client.sessions.resources.add.bind(api.services.client.sessions.resources);
    api.services.client.sessions.resources.add = async (...args) => {
      calls += 1;
      if (calls === 2) await setFaults({ errors: [{ method: 'POST', path: `/v1/sessions/${session.id}/resources`, status: 500, count: 1, shouldRetry: false }] });
      return add(...args);
    };
    const shown: string[] = [];
    const watch = api.onDidShowMessage((message) => shown.push(message.text));
    try {
      const added = await vscode.commands.executeCommand<FileResource[]>('managedAgents.attachToSession', undefined, [first, second], session.id);
      assert.deepEqual(added, []);
    } finally {
      api.services.client.sessions.resources.add = add;
      watch.dispose();
    }
    assert.equal(calls, 2);
    assert.deepEqual(await mountsOf(session.id), [], 'the first mount was removed again');
    const left = (await api.services.client.files.list({ limit: 100 }).toArray()).filter((file) => !filesBefore.has(file.id) && !file.scope);
    assert.deepEqual(left.map((file) => file.filename), [], 'the uploads were deleted');
    assert.ok(shown.some((text) => text.startsWith(`Nothing was attached to "${runTag} attach fails"`)), shown.join('\n'));
  });

  it('a create body names workspace files with `path:`: they are uploaded and mounted; a missing one stops the create before anything is sent', async () => {
    const brief = write('body/inputs/brief.md', '# Brief\n');
    const title = `${runTag} from a body`;
    const yaml = (file: string) => `agent: ${agentId}\nenvironment_id: ${environmentId}\ntitle: ${title}\nresources:\n  - type: file\n    path: ${file}\n`;
    const good = write('body/good.session.yaml', yaml('inputs/brief.md'));
    const before = fs.readFileSync(good.fsPath, 'utf8');
    const outcome = await vscode.commands.executeCommand<{ status: string; sessionId?: string }>('managedAgents.createSessionFromYaml', good);
    assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
    created.push(outcome.sessionId!);
    const mounts = await mountsOf(outcome.sessionId!);
    assert.equal(mounts.length, 1);
    assert.ok(mounts[0].mount_path.endsWith(`/${relativeOf(brief)}`), mounts[0].mount_path);
    assert.equal(fs.readFileSync(good.fsPath, 'utf8'), before, 'the body file is not touched');

    const filesBefore = (await api.services.client.files.list({ limit: 100 }).toArray()).length;
    const sessionsBefore = (await api.services.client.sessions.list({ limit: 100 }).toArray()).filter((session) => session.title === title).length;
    const bad = write('body/bad.session.yaml', yaml('inputs/missing.md'));
    const shown: string[] = [];
    const watch = api.onDidShowMessage((message) => shown.push(message.text));
    try {
      const refused = await vscode.commands.executeCommand<{ status: string }>('managedAgents.createSessionFromYaml', bad);
      assert.equal(refused.status, 'failed');
    } finally {
      watch.dispose();
    }
    assert.ok(shown.some((text) => /resources\[0\]\.path: there is no file at .*missing\.md/.test(text)), shown.join('\n'));
    assert.equal((await api.services.client.sessions.list({ limit: 100 }).toArray()).filter((session) => session.title === title).length, sessionsBefore, 'no session was created');
    assert.equal((await api.services.client.files.list({ limit: 100 }).toArray()).length, filesBefore, 'nothing was uploaded');
  });

  it('a create body may name a file outside the workspace by its absolute path: it is mounted at its name', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-agents-outside-'));
    try {
      const file = path.join(outside, 'notes.md');
      fs.writeFileSync(file, '# Notes\n');
      const body = write('body/outside.session.yaml', `agent: ${agentId}\nenvironment_id: ${environmentId}\ntitle: ${runTag} outside\nresources:\n  - type: file\n    path: ${file}\n`);
      const outcome = await vscode.commands.executeCommand<{ status: string; sessionId?: string }>('managedAgents.createSessionFromYaml', body);
      assert.equal(outcome.status, 'sent', JSON.stringify(outcome));
      created.push(outcome.sessionId!);
      const mounts = await mountsOf(outcome.sessionId!);
      assert.deepEqual(
        mounts.map((mount) => mount.mount_path),
        ['/notes.md'],
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("the history panel's Attach… attaches workspace files, and the reply box names where the agent finds them", async () => {
    const session = await createSession('attach from the panel');
    const data = write('panel/data.csv', 'region,revenue\nnorth,12\n');
    api.files.dialogs.pickFiles = async () => [data];
    api.files.dialogs.askMountPath = async ({ value }) => value;
    const panel = await openPanel(session.id);
    const attached = new Promise<string[]>((resolve) => {
      const watch = panel.onDidPost((message) => {
        if (message.type !== 'attached') return;
        watch.dispose();
        resolve(message.paths);
      });
    });
    await panel.receive({ type: 'attachFiles' });
    const paths = await attached;
    const mounts = await mountsOf(session.id);
    assert.equal(mounts.length, 1);
    assert.deepEqual(paths, [`/mnt/session/uploads/${relativeOf(data)}`]);
    assert.ok(mounts[0].mount_path.endsWith(`/${relativeOf(data)}`), mounts[0].mount_path);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // The Files row's Attach… names its session: the files are asked for, the session is not.
    const more = write('panel/more.csv', 'x\n');
    api.files.dialogs.pickFiles = async () => [more];
    api.sessions.dialogs.pickSession = async () => assert.fail('the Files row names its session');
    const [filesRow] = await api.sessions.view.tree.getChildren(api.sessions.view.tree.nodeForSession(session.id));
    const added = await vscode.commands.executeCommand<FileResource[]>('managedAgents.attachToSession', filesRow);
    assert.equal(added.length, 1);
    assert.equal((await mountsOf(session.id)).length, 2);
  });

  describe("the agent's files", () => {
    let session: Session;
    let outputs: FileMetadata[];

    before(async () => {
      session = await createSession('writes');
      await api.services.client.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'write the report #write' }] }] });
      await waitFor('the #write turn to write its files', async () => {
        const current = await api.services.client.sessions.retrieve(session.id);
        outputs = await api.services.client.files.list({ scope_id: session.id }).toArray();
        return current.status === 'idle' && outputs.length > 0;
      }, { timeout: 20_000 });
    });

    it('appear under the session with their size, and open read-only in an editor', async () => {
      const rows = await fileRows(session.id);
      assert.deepEqual(rows.map((row) => row.item.label).sort(), outputs.map((file) => file.filename).sort());
      for (const row of rows) assert.match(String(row.item.contextValue), /^sessionFile\.output/);
      const files = api.sessions.view.tree.getParent(rows[0].node);
      assert.equal(files?.kind, 'files');
      assert.match(String(api.sessions.view.tree.getTreeItem(files).description), new RegExp(`0 attached · ${outputs.length} written`));

      const text = rows.find((row) => /\.(md|txt|csv)$/.test(label(row.item)));
      assert.ok(text, 'the #write turn writes a text file');
      const uri = await vscode.commands.executeCommand<vscode.Uri>('managedAgents.openSessionFile', text.node);
      assert.equal(uri.scheme, 'managed-agents');
      const document = await waitFor('the file to open', async () => vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString()));
      const file = outputs.find((candidate) => candidate.filename === text.item.label)!;
      const content = Buffer.from(await api.services.client.files.read(file.id)).toString('utf8');
      assert.equal(document.getText(), content);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('changed'))), /NoPermissions|read-?only|permission/i);
    });

    it('compare with a workspace file in the diff editor', async () => {
      const file = outputs.find((candidate) => /\.(md|txt|csv)$/.test(candidate.filename))!;
      const local = write(`compare/${file.filename}`, 'the local version\n');
      const offered: string[][] = [];
      api.files.dialogs.pickWorkspaceFile = async (candidates) => {
        offered.push(candidates.map((uri) => uri.toString()));
        return local;
      };
      const rows = await fileRows(session.id);
      const row = rows.find((candidate) => candidate.item.label === file.filename)!;
      const compared = await vscode.commands.executeCommand<[vscode.Uri, vscode.Uri]>('managedAgents.compareSessionFileWithWorkspace', row.node);
      assert.equal(compared[0].toString(), local.toString());
      assert.equal(compared[1].scheme, 'managed-agents');
      const tab = await waitFor('the diff editor', async () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      });
      assert.equal(tab.original.toString(), local.toString());
      assert.equal(tab.modified.toString(), compared[1].toString());
      assert.ok(offered[0].includes(local.toString()), 'the workspace file of the same name is offered');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('download one file, and all of them into a folder, asking before replacing', async () => {
      const rows = await fileRows(session.id);
      const first = rows[0];
      const target = vscode.Uri.file(path.join(root, 'downloads', label(first.item)));
      fs.mkdirSync(path.dirname(target.fsPath), { recursive: true });
      api.files.dialogs.pickSaveLocation = async () => target;
      const saved = await vscode.commands.executeCommand<vscode.Uri>('managedAgents.downloadSessionFile', first.node);
      assert.equal(saved.toString(), target.toString());
      const file = outputs.find((candidate) => candidate.filename === first.item.label)!;
      const readBack = await api.services.client.files.read(file.id);
      assert.deepEqual(fs.readFileSync(target.fsPath), Buffer.from(readBack));

      const folder = vscode.Uri.file(path.dirname(target.fsPath));
      api.files.dialogs.pickFolder = async () => folder;
      let question = '';
      api.sessions.dialogs.confirm = async (message) => {
        question = message;
        return false;
      };
      const filesRow = api.sessions.view.tree.getParent(first.node);
      assert.deepEqual(await vscode.commands.executeCommand('managedAgents.downloadSessionOutputs', filesRow), [], 'nothing when replacing is declined');
      assert.match(question, new RegExp(`Replace ${label(first.item).replace(/\./g, '\\.')}`));
      api.sessions.dialogs.confirm = async () => true;
      const all = await vscode.commands.executeCommand<vscode.Uri[]>('managedAgents.downloadSessionOutputs', filesRow);
      assert.deepEqual(all.map((uri) => path.basename(uri.fsPath)).sort(), outputs.map((candidate) => candidate.filename).sort());
      assert.deepEqual(fs.readdirSync(folder.fsPath).sort(), outputs.map((candidate) => candidate.filename).sort(), 'no temporary file is left beside them');
    });

    it('a download that fails leaves no file under its name, and says what happened', async () => {
      const rows = await fileRows(session.id);
      const row = rows[0];
      const target = vscode.Uri.file(path.join(root, 'failed', label(row.item)));
      fs.mkdirSync(path.dirname(target.fsPath), { recursive: true });
      api.files.dialogs.pickSaveLocation = async () => target;
      const file = outputs.find((candidate) => candidate.filename === row.item.label)!;
      await setFaults({ errors: [{ method: 'GET', path: `/v1/files/${file.id}/content`, status: 500, count: -1, shouldRetry: false }] });
      const shown: string[] = [];
      const watch = api.onDidShowMessage((message) => shown.push(message.text));
      try {
        assert.equal(await vscode.commands.executeCommand<vscode.Uri | undefined>('managedAgents.downloadSessionFile', row.node), undefined);
      } finally {
        watch.dispose();
      }
      assert.deepEqual(fs.readdirSync(path.dirname(target.fsPath)), [], 'neither the file nor a temporary one');
      assert.ok(shown.some((text) => text.startsWith(`Could not download ${file.filename} (nothing was saved)`)), shown.join('\n'));
    });

    it("a download cancelled with its notification's Cancel stops, and leaves nothing under its name", async function () {
      skipWithoutBridge(this); // the notification is clicked in the browser
      // A large file the agent wrote, over a slow link: the download is still under way when Cancel is clicked.
      const big = write('big/source.bin', 'x'.repeat(2 * 1024 * 1024));
      const upload = await api.services.client.files.upload({ path: big.fsPath });
      const output = (await simulatorControl('POST', `/_sim/sessions/${session.id}/files`, { copy_of: upload.id })) as FileMetadata;
      api.sessions.files.didChange(session.id);
      const row = await waitFor('the big file under the session', async () => (await fileRows(session.id)).find((candidate) => candidate.node.kind === 'sessionFile' && candidate.node.item.role === 'output' && candidate.node.item.file.id === output.id));
      const target = vscode.Uri.file(path.join(root, 'cancelled', output.filename));
      fs.mkdirSync(path.dirname(target.fsPath), { recursive: true });
      api.files.dialogs.pickSaveLocation = async () => target;
      await setFaults({ slowDownload: { bytesPerSecond: 128 * 1024, path: `/v1/files/${output.id}/content` } });
      const shown: string[] = [];
      const watch = api.onDidShowMessage((message) => shown.push(message.text));
      // Only this download's notification holds a Cancel (earlier tests leave theirs in the centre).
      await vscode.commands.executeCommand('notifications.clearAll');
      try {
        const download = vscode.commands.executeCommand<vscode.Uri | undefined>('managedAgents.downloadSessionFile', row.node);
        // This host hides toasts (test/runner/README.md): the same notification is in the notification centre.
        await vscode.commands.executeCommand('notifications.showList');
        await browser.click('.notifications-center .monaco-button', { hasText: 'Cancel', timeout: 10_000 });
        assert.equal(await download, undefined);
      } finally {
        watch.dispose();
        await setFaults({ slowDownload: null });
        await vscode.commands.executeCommand('notifications.hideList');
      }
      assert.ok(shown.some((text) => text === `The download of ${output.filename} was cancelled; nothing was saved.`), shown.join('\n'));
      assert.deepEqual(fs.readdirSync(path.dirname(target.fsPath)), [], 'neither the file nor a temporary one');
      const log = await requestLog();
      assert.ok(log.some((entry) => entry.path === `/v1/files/${output.id}/content` && entry.fault?.startsWith('slow-download')), 'the download went over the slow link');
    });
  });

  it('Send Selection to Session sends the selected lines with the file name, to the session last used first', async () => {
    const session = await createSession('selection');
    const other = await createSession('selection other');
    const source = write('src/app.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    const editor = await vscode.window.showTextDocument(source);
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    const offered: string[][] = [];
    api.sessions.dialogs.pickSession = async (entries) => {
      offered.push(entries.map((entry) => entry.session.id));
      return entries.find((entry) => entry.session.id === session.id);
    };
    assert.equal(await vscode.commands.executeCommand('managedAgents.sendSelectionToSession'), true);
    assert.equal(await vscode.commands.executeCommand('managedAgents.sendSelectionToSession'), true);
    assert.equal(offered[1][0], session.id, 'the session sent to last comes first');
    assert.ok(offered[0].includes(other.id));
    const messages = (await api.services.client.sessions.events.list(session.id, { types: ['user.message'] }).toArray()).filter((event) => event.type === 'user.message');
    const text = messages[0].type === 'user.message' ? messages[0].content.map((block) => (block.type === 'text' ? block.text : '')).join('') : '';
    assert.equal(text, `From \`${relativeOf(source)}\`, lines 2-3:\n\n\`\`\`typescript\nconst b = 2;\nconst c = 3;\n\`\`\``);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
