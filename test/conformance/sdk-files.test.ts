/**
 * The Files API and session resources, driven with the official SDK against the simulator: upload
 * (toFile and an fs stream), list (scoped to a session), metadata, download of what the agent wrote,
 * delete; resources add/list/retrieve/delete; and the refusals (missing file, too large, wrong beta,
 * uploads not downloadable, mounts on an archived session, overlapping mounts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Anthropic, { toFile } from '@anthropic-ai/sdk';
import type { BetaFileMetadata } from '@anthropic-ai/sdk/resources/beta/files';
import type { FileWire } from '../simulator/files';
import { FILES_API_BETA, MANAGED_AGENTS_BETA, startSimulator, type SimulatorHandle } from '../simulator/index';
import { bodyError, refusal } from './sdkErrors';

// Compile-time: the simulator's file is what the SDK reads.
const _wireIsSdk = (file: FileWire): BetaFileMetadata => file;
void _wireIsSdk;

const BETAS = { betas: [MANAGED_AGENTS_BETA] };

describe('SDK against the simulator: files and session resources', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let client: Anthropic;
  let folder: string;

  before(async () => {
    sim = await startSimulator({ stepDelayMs: 1 });
    client = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 0 });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sdk-files-'));
  });
  after(async () => {
    await sim.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => sim.reset());

  async function newSession(resources: Anthropic.Beta.Sessions.SessionCreateParams['resources'] = []) {
    const agent = (await client.beta.agents.list()).data.find((candidate) => candidate.name === 'Repo maintainer')!;
    const environment = (await client.beta.environments.list()).data.find((candidate) => candidate.name === 'python-data-analysis')!;
    return client.beta.sessions.create({ agent: agent.id, environment_id: environment.id, title: 'files', resources });
  }

  const upload = (name: string, content: string) => client.beta.files.upload({ file: new File([content], name, { type: 'text/csv' }), ...BETAS });

  it('uploads with toFile and an fs stream, lists newest first, retrieves and deletes', async () => {
    const fromBuffer = await client.beta.files.upload({ file: await toFile(Buffer.from('a,b\n1,2\n'), 'data.csv', { type: 'text/csv' }), ...BETAS });
    assert.deepEqual([fromBuffer.filename, fromBuffer.mime_type, fromBuffer.size_bytes, fromBuffer.type, fromBuffer.downloadable], ['data.csv', 'text/csv', 8, 'file', false]);
    assert.match(fromBuffer.id, /^file_/);

    const onDisk = path.join(folder, 'notes.md');
    fs.writeFileSync(onDisk, '# Notes\n'.repeat(10_000));
    const fromStream = await client.beta.files.upload({ file: fs.createReadStream(onDisk), ...BETAS });
    assert.equal(fromStream.filename, 'notes.md');
    assert.equal(fromStream.size_bytes, 80_000);

    const listed = (await client.beta.files.list({ limit: 1, ...BETAS })).data;
    assert.deepEqual(listed.map((file) => file.id), [fromStream.id], 'newest first, one per page');
    const all: string[] = [];
    for await (const file of client.beta.files.list({ limit: 1, ...BETAS })) all.push(file.id);
    assert.deepEqual(all, [fromStream.id, fromBuffer.id]);

    assert.deepEqual(await client.beta.files.retrieveMetadata(fromBuffer.id, BETAS), fromBuffer);
    assert.deepEqual(await client.beta.files.delete(fromBuffer.id, BETAS), { id: fromBuffer.id, type: 'file_deleted' });
    const gone = await refusal(client.beta.files.retrieveMetadata(fromBuffer.id, BETAS));
    assert.equal(gone.status, 404);
    assert.equal(bodyError(gone).type, 'not_found_error');
  });

  it('accepts the Files API beta alone, and refuses a request with neither beta', async () => {
    const file = await client.beta.files.upload({ file: await toFile(Buffer.from('x'), 'x.txt'), betas: [FILES_API_BETA] });
    assert.equal(file.size_bytes, 1);
    const bare = new Anthropic({ apiKey: 'sk-test', baseURL: sim.url, maxRetries: 0 });
    const error = await refusal(bare.beta.files.list({ betas: ['message-batches-2024-09-24'] }));
    assert.equal(error.status, 400);
    assert.equal(bodyError(error).type, 'invalid_request_error');
    assert.match(bodyError(error).message ?? '', /anthropic-beta/);
  });

  it('refuses a file over the size limit with 413 request_too_large, and keeps nothing of it', async () => {
    sim.setMaxFileBytes(1000);
    const error = await refusal(client.beta.files.upload({ file: await toFile(Buffer.alloc(1001, 1), 'big.bin'), ...BETAS }));
    assert.equal(error.status, 413);
    assert.equal(bodyError(error).type, 'request_too_large');
    assert.equal((await client.beta.files.list(BETAS)).data.length, 0);
    const fits = await client.beta.files.upload({ file: await toFile(Buffer.alloc(1000, 1), 'fits.bin'), ...BETAS });
    assert.equal(fits.size_bytes, 1000);
    sim.reset();
    const afterReset = await client.beta.files.upload({ file: await toFile(Buffer.alloc(1001, 1), 'big.bin'), ...BETAS });
    assert.equal(afterReset.size_bytes, 1001, 'reset restores the limit');
  });

  it('refuses an empty filename and one over 500 characters', async () => {
    for (const name of ['', `${'a'.repeat(497)}.txt`]) {
      const error = await refusal(client.beta.files.upload({ file: await toFile(Buffer.from('x'), name), ...BETAS }));
      assert.equal(error.status, 400, `filename of ${name.length} characters`);
    }
  });

  it("refuses to download an uploaded file, and downloads what the agent wrote with #write", async () => {
    const uploaded = await upload('in.csv', 'a\n');
    assert.equal((await refusal(client.beta.files.download(uploaded.id, BETAS))).status, 400);

    const session = await newSession();
    const stream = await client.beta.sessions.events.stream(session.id);
    await client.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'Tally these words #write' }] }] });
    const writes: string[] = [];
    for await (const event of stream) {
      if (event.type === 'agent.tool_use' && event.name === 'write') writes.push(String(event.input.file_path));
      if (event.type === 'session.status_idle') break;
    }
    assert.deepEqual(writes, ['/mnt/session/outputs/report.md', '/mnt/session/outputs/data.csv']);

    const scoped = (await client.beta.files.list({ scope_id: session.id, ...BETAS })).data;
    assert.deepEqual(scoped.map((file) => [file.filename, file.downloadable, file.scope]), [
      ['data.csv', true, { id: session.id, type: 'session' }],
      ['report.md', true, { id: session.id, type: 'session' }],
    ]);
    const response = await client.beta.files.download(scoped[1].id, BETAS);
    assert.equal(response.headers.get('content-type'), 'text/markdown');
    const body = await response.text();
    assert.match(body, /^# Report\n\nPrompt: Tally these words\n/);
    assert.equal(Number(response.headers.get('content-length')), scoped[1].size_bytes);
  });

  it('adds, lists, retrieves and deletes a session file resource (a copy scoped to the session)', async () => {
    const uploaded = await upload('data.csv', 'a,b\n');
    const session = await newSession();
    const added = await client.beta.sessions.resources.add(session.id, { type: 'file', file_id: uploaded.id });
    assert.equal(added.type, 'file');
    assert.notEqual(added.file_id, uploaded.id, 'the session mounts its own copy');
    assert.equal(added.mount_path, `/mnt/session/uploads/${added.file_id}`);
    const copy = await client.beta.files.retrieveMetadata(added.file_id, BETAS);
    assert.deepEqual([copy.filename, copy.scope], ['data.csv', { id: session.id, type: 'session' }]);

    const listed = [];
    for await (const resource of client.beta.sessions.resources.list(session.id)) listed.push(resource);
    assert.deepEqual(listed, [added]);
    assert.deepEqual(await client.beta.sessions.resources.retrieve(added.id, { session_id: session.id }), added);
    assert.deepEqual(await client.beta.sessions.resources.delete(added.id, { session_id: session.id }), { id: added.id, type: 'session_resource_deleted' });
    assert.equal((await refusal(client.beta.sessions.resources.retrieve(added.id, { session_id: session.id }))).status, 404);
    assert.deepEqual((await client.beta.sessions.retrieve(session.id)).resources, []);
  });

  it('refuses unknown files (add and create), overlapping mounts, an archived session, and a token on a file', async () => {
    const session = await newSession();
    const missing = await refusal(client.beta.sessions.resources.add(session.id, { type: 'file', file_id: 'file_nope' }));
    assert.deepEqual([missing.status, bodyError(missing).type], [404, 'not_found_error']);
    assert.equal((await refusal(newSession([{ type: 'file', file_id: 'file_nope' }]))).status, 404);

    const uploaded = await upload('a.csv', 'a\n');
    const mounted = await client.beta.sessions.resources.add(session.id, { type: 'file', file_id: uploaded.id, mount_path: '/workspace/data' });
    const overlap = await refusal(client.beta.sessions.resources.add(session.id, { type: 'file', file_id: uploaded.id, mount_path: '/workspace/data/a.csv' }));
    assert.equal(overlap.status, 400);
    assert.match(bodyError(overlap).message ?? '', /overlaps/);
    assert.equal((await refusal(client.beta.sessions.resources.update(mounted.id, { session_id: session.id, authorization_token: 't' }))).status, 400);

    await client.beta.sessions.archive(session.id);
    const archived = await refusal(client.beta.sessions.resources.add(session.id, { type: 'file', file_id: uploaded.id }));
    assert.equal(archived.status, 400);
    assert.match(bodyError(archived).message ?? '', /archived/);
  });

  it('mounts files given at create time as session copies, at most 500 per session', async () => {
    const uploaded = await upload('data.csv', 'a\n');
    const session = await newSession([{ type: 'file', file_id: uploaded.id, mount_path: '/workspace/data.csv' }]);
    const [resource] = session.resources;
    assert.ok(resource.type === 'file');
    assert.notEqual(resource.file_id, uploaded.id);
    assert.equal(resource.mount_path, '/workspace/data.csv');

    const tooMany = Array.from({ length: 501 }, (_, index) => ({ type: 'file' as const, file_id: uploaded.id, mount_path: `/workspace/${index}.csv` }));
    const error = await refusal(newSession(tooMany));
    assert.equal(error.status, 400);
    assert.match(bodyError(error).message ?? '', /500/);
  });
});
