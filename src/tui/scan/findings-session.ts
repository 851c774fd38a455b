// The findings view's data (no Ink): one scan of the corpus, run in small slices, findings streamed as each file is
// done. Kept in the app's cache so the list survives opening a log from it and coming back.
import type { Corpus } from '../../search/corpus.js';
import type { EnvVarHint } from '../../scan/scanner.js';
import type { Finding } from '../../scan/scan-corpus.js';

export interface ScanProgress {
  findings: Finding[];
  files: number;
  done: boolean;
  error: string | null;
  warnings: string[];
}

export class FindingsSession {
  readonly corpus: Corpus;
  #state: ScanProgress = { findings: [], files: 0, done: false, error: null, warnings: [] };
  readonly #listeners = new Set<(p: ScanProgress) => void>();
  #started = false;
  readonly #abort = new AbortController();

  constructor(corpus: Corpus, private readonly envVars?: () => Promise<readonly EnvVarHint[]>) {
    this.corpus = corpus;
  }

  get state(): ScanProgress {
    return this.#state;
  }

  subscribe(fn: (p: ScanProgress) => void): () => void {
    this.#listeners.add(fn);
    return () => {
      this.#listeners.delete(fn);
    };
  }

  stop(): void {
    this.#abort.abort();
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#run();
  }

  async #run(): Promise<void> {
    try {
      const vars = this.envVars ? await this.envVars().catch(() => undefined) : undefined;
      const { scanCorpus } = await import('../../scan/scan-corpus.js');
      // The same rules `sleuth scan` would run here: a .gitleaks.toml in the folder (it only adds) or the cwd.
      const { loadRuleSet } = await import('../../scan/gitleaks/rule-set.js');
      const rules = loadRuleSet({ scannedDir: this.corpus.kind === 'evidence' ? this.corpus.root : undefined, cwd: process.cwd() });
      const ruleNotes = [...(rules.summary ? [rules.summary] : []), ...rules.warnings, ...rules.notLoaded.map((n) => `rule ${n.id} not loaded: ${n.reason}`)];
      const r = await scanCorpus({
        corpus: this.corpus,
        envVars: vars,
        ...rules.scan,
        yieldEveryMs: 12,
        signal: this.#abort.signal,
        onFindings: (fs) => this.#set({ findings: [...this.#state.findings, ...fs] }),
      });
      this.#set({ files: r.files, done: true, warnings: [...ruleNotes, ...r.warnings] });
    } catch (e) {
      this.#set({ done: true, error: e instanceof Error ? e.message : String(e) });
    }
  }

  #set(patch: Partial<ScanProgress>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l(this.#state);
  }
}
