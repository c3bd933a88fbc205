/** Ties the store, the scripted agent and the seed together; shared by the server and the test helpers. */
import { ScriptedAgent } from './scripted-agent';
import { loadSeed, type SimulatorSeed } from './seed';
import { Store } from './store';

export interface CoreOptions {
  stepDelayMs: number;
  heartbeatMs: number;
  seed?: SimulatorSeed;
  log?: (line: string) => void;
}

export class SimulatorCore {
  readonly store = new Store();
  readonly agent: ScriptedAgent;

  constructor(readonly options: CoreOptions) {
    this.agent = new ScriptedAgent(this.store, { stepDelayMs: options.stepDelayMs, log: options.log });
    loadSeed(this.store, this.agent, options.seed);
  }

  /** Back to the initial data: running turns stop and open streams close. */
  reset(): void {
    this.agent.abortAll();
    this.store.clear();
    loadSeed(this.store, this.agent, this.options.seed);
  }

  shutdown(): void {
    this.agent.stop();
    this.store.closeAllStreams();
    this.store.files.dispose();
  }
}
