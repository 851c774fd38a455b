// What the TUI has loaded this session, typed: going back shows the previous list at once, and the search and
// findings sessions outlive their panes (a log opened from a hit, then back). Shaped like cli-kit's conf-store over
// LocalStorage<T>: one schema says which key holds which type, a small typed store reads and writes it, and the
// rest of the TUI goes through the named accessors below. No key string leaves this module.
// (No Ink or React here: hooks/use-load.ts provides the one instance to the panes.)
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import type { CollectedJob } from '../../rca/types.js';
import type { PipelinePager } from '../../source/source.js';
import type { StepRow } from '../panes/step-command.js';
import type { FindingsSession } from '../scan/findings-session.js';
import type { SearchSession } from '../search/search-session.js';
import type { SearchState } from '../search/use-search-state.js';

/** The pipeline list so far: its pages, whether the source has more, and the cursor to read them. */
export interface PipelinePages {
  items: Pipeline[];
  done: boolean;
  pager: PipelinePager | null;
}

/** The search prompt as the user left it. */
export type SearchSeed = Pick<SearchState, 'query' | 'mode'>;

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
  'search:session': SearchSession;
  'search:seed': SearchSeed;
  'findings:session': FindingsSession;
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
  searchSession(): CacheEntry<SearchSession> { return this.#entry('search:session'); }
  searchSeed(): CacheEntry<SearchSeed> { return this.#entry('search:seed'); }
  findingsSession(): CacheEntry<FindingsSession> { return this.#entry('findings:session'); }

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
