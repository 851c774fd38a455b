// What the TUI has loaded this session, typed: going back shows the previous list at once, and the search and
// findings sessions outlive their panes (a log opened from a hit, then back). Shaped like cli-kit's conf-store over
// LocalStorage<T>: one schema says which key holds which type, a small typed store reads and writes it, and the
// rest of the TUI goes through the named accessors below. No key string leaves this module. A feature that keeps an
// object of its own (the search index, the findings scan) declares a typed slot for it (`featureSlot<T>()`), so this
// shared module imports no feature folder. (No Ink or React here: hooks/use-load.ts provides the one instance.)
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import type { CollectedJob } from '../../rca/types.js';
import type { PipelinePager } from '../../source/source.js';
import type { StepRow } from './step-rows.js';

/** The pipeline list so far: its pages, whether the source has more, and the cursor to read them. */
export interface PipelinePages {
  items: Pipeline[];
  done: boolean;
  pager: PipelinePager | null;
}

interface LoadedSchema {
  pipelines: PipelinePages;
  [workflowsOfPipeline: `workflows:${string}`]: Workflow[];
  [jobsOfWorkflow: `jobs:${string}`]: Job[];
  /** Null: the job has no details (approval jobs, or a folder without them). */
  [detailsOfJob: `details:${number}`]: JobDetails | null;
  /** The steps pane, the `c` view, the log's command line and the preview share one load per job. */
  [stepsOfJob: `steps:${number}`]: StepRow[];
  /** The preview column's first lines of a step's output (node 0). */
  [outputHead: `output-head:${number}:${number}`]: string[];
  [failureSummary: `rca:${number}`]: CollectedJob;
  /** Typed by each feature's slot (featureSlot<T>). */
  [featureObject: `feature:${number}`]: unknown;
}

declare const slotType: unique symbol;
/** Where a feature keeps one object of type T for the session; make one per kind of object, at module level. */
export interface FeatureSlot<T> {
  readonly number: number;
  /** Only carries T for the type checker. */
  readonly [slotType]?: T;
}

let slotsMade = 0;
export function featureSlot<T>(): FeatureSlot<T> {
  return { number: ++slotsMade };
}

/** A typed map over a schema (cli-kit's LocalStorage<T>, in memory): `get(k)` has the type `set(k, …)` took. */
class TypedStore<S> {
  readonly #values = new Map<keyof S, unknown>();
  get<K extends keyof S>(key: K): S[K] | undefined {
    return this.#values.get(key) as S[K] | undefined;
  }
  set<K extends keyof S>(key: K, value: S[K]): void {
    this.#values.set(key, value);
  }
  delete(key: keyof S): void {
    this.#values.delete(key);
  }
}

/** One slot of the cache. `id` says which slot (a load re-runs when it changes); it is not a key to build. */
export interface CacheEntry<T> {
  readonly id: string;
  get(): T | undefined;
  set(value: T): void;
  forget(): void;
}

export class LoadedCache {
  readonly #store = new TypedStore<LoadedSchema>();

  pipelines(): CacheEntry<PipelinePages> { return this.#entry('pipelines'); }
  workflows(pipelineId: string): CacheEntry<Workflow[]> { return this.#entry(`workflows:${pipelineId}`); }
  jobs(workflowId: string): CacheEntry<Job[]> { return this.#entry(`jobs:${workflowId}`); }
  jobDetails(jobNumber: number): CacheEntry<JobDetails | null> { return this.#entry(`details:${jobNumber}`); }
  stepRows(jobNumber: number): CacheEntry<StepRow[]> { return this.#entry(`steps:${jobNumber}`); }
  outputHead(jobNumber: number, step: number): CacheEntry<string[]> { return this.#entry(`output-head:${jobNumber}:${step}`); }
  failureSummary(jobNumber: number): CacheEntry<CollectedJob> { return this.#entry(`rca:${jobNumber}`); }
  /** The object a feature keeps in `slot` (its own type). */
  feature<T>(slot: FeatureSlot<T>): CacheEntry<T> { return this.#entry(`feature:${slot.number}`) as CacheEntry<T>; }

  #entry<K extends keyof LoadedSchema>(key: K): CacheEntry<LoadedSchema[K]> {
    const store = this.#store;
    return {
      id: String(key),
      get: () => store.get(key),
      set: (value) => store.set(key, value),
      forget: () => store.delete(key),
    };
  }
}
