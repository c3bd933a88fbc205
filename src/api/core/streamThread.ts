// Live event streams read on a worker thread. The extension host's one JavaScript thread is shared by
// every extension, and a busy stream costs it, per chunk, HTTP parsing and SSE framing. Here a worker
// does those with its own undici pool and hands over each chunk's events as one JSON array in UTF-8
// (an EventBatch, its buffer transferred), so the host's work per event is its share of one decode and
// one JSON.parse.
// Anything that is not a 2xx event stream (an error, a web page) comes back as raw bytes, so the
// client's retries and error messages are the same as in-thread. The in-thread fallback takes over,
// from then on, when the worker cannot start or stops, or cannot connect where the host thread can.
//
// This one file is both sides: loaded on the main thread it exports StreamThread; loaded as the
// worker's script (this module itself, or the extension bundle that contains it) it serves.
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DIRECT, RoutedPool, type DispatchController, type ResponseBody, type Transport, type TransportRequest, type TransportResponse } from './http';
import { EventBatcher, type EventBatch } from './sse';

const ROLE = 'managed-agents-stream-thread';
/** The worker stops reading a stream while this many bytes of its batches are not yet consumed. */
const MAX_UNCONSUMED_BYTES = 4 * 1024 * 1024;
/**
 * The main thread reports consumption in steps of this size, one message per MiB rather than per batch.
 * Being below the pause threshold, it cannot leave the worker paused with nothing queued here.
 */
const ACK_BYTES = 1024 * 1024;

interface ThreadOptions {
  role: typeof ROLE;
  connectTimeoutMs: number;
  keepAliveTimeoutMs: number;
  ca?: readonly string[];
}

type ToThread =
  | { type: 'request'; id: number; request: Omit<TransportRequest, 'signal'> }
  | { type: 'consumed'; id: number; bytes: number }
  | { type: 'abort'; id: number };

type FromThread =
  | { type: 'ready'; id: 0 }
  | { type: 'response'; id: number; statusCode: number; headers: TransportResponse['headers']; events: boolean }
  | { type: 'events'; id: number; batch: EventBatch }
  | { type: 'data'; id: number; chunk: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'fail'; id: number; error: SerializedError };

/** An error as it crosses threads: what the client's error mapping reads (name, message, code, cause). */
interface SerializedError {
  name: string;
  message: string;
  code?: string;
  cause?: SerializedError;
}

/** True on the worker thread this module starts. */
export function isStreamThread(): boolean {
  return !isMainThread && (workerData as Partial<ThreadOptions> | undefined)?.role === ROLE;
}

export interface StreamThreadOptions {
  connectTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** More CA certificates to trust (each request's plan says the rest: proxy, system store). */
  ca?: readonly string[];
  /** Carries requests when the worker cannot (it failed to start or stopped). */
  fallback: Transport;
  /** Told once when the worker fails and the fallback takes over. */
  onFallback?: (reason: string) => void;
  /** The worker's script; by default this module (or the bundle it was built into). */
  script?: string;
}

/** A Transport whose requests run on one lazily started worker thread. */
export class StreamThread implements Transport {
  private worker: Worker | undefined;
  /** Resolves when the worker serves (its script loaded, not just its thread started); rejects if it fails first. */
  private online: Promise<void> | undefined;
  /** Requests go to the fallback from now on. */
  private failed = false;
  /** The worker is gone (failed or closed): nothing can be posted to it. */
  private stopped = false;
  private nextId = 1;
  /** Requests under way on the worker (or waiting for it to start). */
  private active = 0;
  private readonly calls = new Map<number, Call>();

  constructor(private readonly options: StreamThreadOptions) {}

  /** The worker's thread id while it serves; undefined before the first request and after a failure. */
  get threadId(): number | undefined {
    return this.failed ? undefined : this.worker?.threadId;
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    // A streamed body (an upload) cannot cross to the worker; event streams never have one.
    if (this.failed || (request.body !== undefined && typeof request.body !== 'string')) return this.options.fallback.request(request);
    try {
      this.start();
    } catch (error) {
      this.fail(`The stream thread could not start: ${(error as Error).message}`);
      return this.options.fallback.request(request);
    }
    // The worker keeps the process alive only while a request is under way on it.
    this.hold(1);
    try {
      await this.online;
    } catch {
      // It never ran, so nothing was sent: the fallback carries this request.
      this.hold(-1);
      return this.options.fallback.request(request);
    }
    try {
      return await this.onWorker(request);
    } catch (error) {
      if (this.failed || request.signal?.aborted) throw error;
      // The worker could not reach the server. Both threads take the same route (the request's plan),
      // but the editor may patch modules of the host thread that a worker does not share, so the host
      // thread may succeed where the worker failed: try it, and if it does, keep to it.
      const response = await this.options.fallback.request(request);
      this.switchToFallback(`The stream thread could not reach the server (${(error as { code?: string }).code ?? (error as Error).message}) but the extension host thread can.`);
      return response;
    }
  }

  private onWorker(request: TransportRequest): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      const { signal, ...rest } = request;
      if (this.failed || signal?.aborted) {
        this.hold(-1);
        if (signal?.aborted) reject(abortError());
        else this.options.fallback.request(request).then(resolve, reject);
        return;
      }
      const id = this.nextId++;
      const call = new Call(id, (message) => this.post(message), resolve, reject, () => {
        if (this.calls.delete(id)) this.hold(-1);
      });
      this.calls.set(id, call);
      call.watch(signal);
      this.post({ type: 'request', id, request: rest });
    });
  }

  /** Stops the worker; streams still open end with an error. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.failed = true;
    this.stopped = true;
    this.failAll(closedError());
    if (worker) await worker.terminate();
  }

  private start(): void {
    if (this.worker) return;
    const { connectTimeoutMs, keepAliveTimeoutMs, ca } = this.options;
    const workerOptions: ThreadOptions = { role: ROLE, connectTimeoutMs, keepAliveTimeoutMs, ...(ca ? { ca } : {}) };
    // No inherited flags (an inspector port, a loader): the worker runs plain.
    const worker = new Worker(this.options.script ?? __filename, { workerData: workerOptions, execArgv: [] });
    this.worker = worker;
    worker.unref();
    let ready!: () => void;
    this.online = new Promise<void>((resolve, reject) => {
      ready = resolve;
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`exit code ${code}`)));
    });
    this.online.catch(() => undefined);
    worker.on('message', (message: FromThread) => (message.type === 'ready' ? ready() : this.calls.get(message.id)?.receive(message)));
    worker.on('error', (error) => this.fail(`The stream thread failed: ${error.message}`));
    worker.on('exit', (code) => this.fail(`The stream thread stopped (exit code ${code}).`));
  }

  private hold(delta: number): void {
    this.active += delta;
    if (this.active > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  /** The worker is gone: requests go to the fallback, and what was open on it ends with an error. */
  private fail(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.switchToFallback(reason);
    this.failAll(Object.assign(new Error(reason), { code: 'STREAM_THREAD_STOPPED' }));
  }

  /** From now on the fallback carries every request; streams already open on the worker go on (and are still told of consumption and aborts). */
  private switchToFallback(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.options.onFallback?.(reason);
  }

  private failAll(error: Error): void {
    for (const call of [...this.calls.values()]) call.receive({ type: 'fail', id: call.id, error: serialize(error) });
    this.calls.clear();
  }

  private post(message: ToThread): void {
    if (!this.stopped) this.worker?.postMessage(message);
  }
}

/** One request on the main thread: its pending response, then its body. */
class Call {
  private body: ThreadBody | undefined;
  private unwatch: (() => void) | undefined;

  constructor(
    readonly id: number,
    private readonly post: (message: ToThread) => void,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly settled: () => void,
  ) {}

  watch(signal: AbortSignal | undefined): void {
    if (!signal) return;
    const onAbort = () => this.abort(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    this.unwatch = () => signal.removeEventListener('abort', onAbort);
  }

  receive(message: Exclude<FromThread, { type: 'ready' }>): void {
    switch (message.type) {
      case 'response':
        this.body = new ThreadBody(message.events, (bytes) => this.post({ type: 'consumed', id: this.id, bytes }), () => this.abort(abortError()));
        this.resolve({ statusCode: message.statusCode, headers: message.headers, body: this.body });
        return;
      case 'events':
        this.body?.push(message.batch);
        return;
      case 'data':
        this.body?.push(message.chunk);
        return;
      case 'end':
        this.body?.end();
        this.done();
        return;
      case 'fail':
        this.finish(deserialize(message.error));
        return;
    }
  }

  /** Ends the call from this side: the worker is told to drop the request. */
  private abort(error: Error): void {
    this.post({ type: 'abort', id: this.id });
    this.finish(error);
  }

  private finish(error: Error): void {
    if (this.body) this.body.end(error);
    else this.reject(error);
    this.done();
  }

  private done(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.settled();
  }
}

/** A response body fed by the worker's messages: raw chunks, or event batches for an event stream. */
class ThreadBody implements ResponseBody {
  private queue: Array<Uint8Array | EventBatch> = [];
  private index = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;
  private unacknowledged = 0;
  readonly eventBatches?: () => Promise<EventBatch | undefined>;

  constructor(
    events: boolean,
    private readonly acknowledge: (bytes: number) => void,
    private readonly cancel: () => void,
  ) {
    if (events) this.eventBatches = () => this.take() as Promise<EventBatch | undefined>;
  }

  push(item: Uint8Array | EventBatch): void {
    if (this.ended) return;
    this.queue.push(item);
    this.notify();
  }

  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.notify();
  }

  destroy(): void {
    if (!this.ended) this.cancel();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.eventBatches) throw new Error('This body was decoded as an event stream; read it with eventBatches().');
    try {
      for (let item = await this.take(); item; item = await this.take()) yield item as Uint8Array;
    } finally {
      this.destroy();
    }
  }

  private async take(): Promise<Uint8Array | EventBatch | undefined> {
    while (this.index >= this.queue.length) {
      if (this.ended) {
        if (this.error) throw this.error;
        return undefined;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const item = this.queue[this.index];
    this.queue[this.index++] = undefined as never;
    if (this.index > 1024) {
      this.queue = this.queue.slice(this.index);
      this.index = 0;
    }
    if (!(item instanceof Uint8Array)) {
      this.unacknowledged += item.bytes;
      if (this.unacknowledged >= ACK_BYTES) this.flushAcknowledgements();
    }
    return item;
  }

  private flushAcknowledgements(): void {
    if (this.unacknowledged === 0 || this.ended) return;
    this.acknowledge(this.unacknowledged);
    this.unacknowledged = 0;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

// ---- the worker side ----------------------------------------------------------------------------

interface Running {
  /** Set once undici starts the request; pauses, resumes and aborts it. */
  controller: DispatchController | undefined;
  aborted: boolean;
  unconsumed: number;
}

function serve(port: MessagePort, options: ThreadOptions): void {
  // The same way out as the host thread's: each request carries its plan (proxy, certificates).
  const pool = new RoutedPool({ connectTimeoutMs: options.connectTimeoutMs, keepAliveTimeoutMs: options.keepAliveTimeoutMs, ca: options.ca });
  const running = new Map<number, Running>();
  const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

  // undici's handler interface rather than request(): chunks arrive without a Readable stream in
  // between, and pause()/resume() give the flow control below.
  const run = (id: number, { plan = DIRECT, ...request }: Omit<TransportRequest, 'signal'>): void => {
    const state: Running = { controller: undefined, aborted: false, unconsumed: 0 };
    running.set(id, state);
    let batcher: EventBatcher | undefined;
    const flush = (): void => {
      const batch = batcher?.take();
      if (!batch || state.aborted) return;
      // Transferred, not copied: the batch's bytes now belong to the host thread.
      post({ type: 'events', id, batch }, [batch.json.buffer as ArrayBuffer]);
      state.unconsumed += batch.bytes;
      // Flow control: a main thread slower than the network must not make this one buffer the stream.
      if (state.unconsumed > MAX_UNCONSUMED_BYTES) state.controller?.pause();
    };
    const finish = (message: FromThread) => {
      flush();
      if (!running.delete(id) || state.aborted) return;
      post(message);
    };
    let dispatcher;
    try {
      dispatcher = pool.dispatcherFor(plan);
    } catch (error) {
      finish({ type: 'fail', id, error: serialize(error) });
      return;
    }
    dispatcher.dispatch(request, {
      onRequestStart(controller) {
        state.controller = controller;
        if (state.aborted) controller.abort(new Error('aborted'));
      },
      onResponseStart(_controller, statusCode, headers) {
        if (statusCode < 200) return; // 1xx: the response proper follows
        const contentType = String(headers['content-type'] ?? '');
        const events = statusCode < 300 && contentType.includes('text/event-stream');
        if (events) batcher = new EventBatcher();
        post({ type: 'response', id, statusCode, headers, events });
      },
      onResponseData(_controller, chunk) {
        if (state.aborted) return;
        if (!batcher) {
          const copy = new Uint8Array(chunk);
          post({ type: 'data', id, chunk: copy }, [copy.buffer]);
          return;
        }
        batcher.add(chunk);
        flush();
        // An event over the size limit: its batch says so; reading on would only fill memory.
        if (batcher.failed) state.controller?.abort(new Error('The event stream was closed: an event is too large to read.'));
      },
      onResponseEnd() {
        finish({ type: 'end', id });
      },
      onResponseError(_controller, error) {
        finish({ type: 'fail', id, error: serialize(error) });
      },
    });
  };

  port.on('message', (message: ToThread) => {
    const state = running.get(message.id);
    switch (message.type) {
      case 'request':
        run(message.id, message.request);
        return;
      case 'consumed':
        if (!state) return;
        state.unconsumed -= message.bytes;
        if (state.unconsumed <= MAX_UNCONSUMED_BYTES && state.controller?.paused) state.controller.resume();
        return;
      case 'abort':
        if (!state) return;
        state.aborted = true;
        running.delete(message.id);
        state.controller?.abort(new Error('aborted'));
        return;
    }
  });
  post({ type: 'ready', id: 0 });
}

function serialize(error: unknown, depth = 0): SerializedError {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const out: SerializedError = { name: typeof e.name === 'string' ? e.name : 'Error', message: typeof e.message === 'string' ? e.message : String(error) };
  if (typeof e.code === 'string') out.code = e.code;
  if (e.cause !== undefined && depth < 4) out.cause = serialize(e.cause, depth + 1);
  return out;
}

function deserialize(error: SerializedError): Error {
  const out: Error & { code?: string; cause?: unknown } = new Error(error.message);
  out.name = error.name;
  if (error.code) out.code = error.code;
  if (error.cause) out.cause = deserialize(error.cause);
  return out;
}

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'UND_ERR_ABORTED' });
}

function closedError(): Error {
  return Object.assign(new Error('The client was closed.'), { name: 'AbortError', code: 'UND_ERR_DESTROYED' });
}

if (isStreamThread() && parentPort) serve(parentPort, workerData as ThreadOptions);
