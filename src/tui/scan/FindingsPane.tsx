// The scanner findings view (`S`): every secret found in the downloaded output, masked (`v` shows them), with the
// env var whose last four characters it matches; Enter opens the log at the finding. Glues the scan session, the
// reducer and the command handler to the search pane's pure view.
import { SafeText } from '../components/SafeText.js';
import { useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../scan/scan-corpus.js';
import type { EnvVarHint } from '../../scan/scanner.js';
import type { Corpus } from '../../search/corpus.js';
import { cell } from '../../text/cell.js';
import { visibleWidth } from '../../text/sanitize.js';
import { useLoadedCache } from '../hooks/use-load.js';
import { featureSlot } from '../state/loaded-cache.js';
import { nodeTag, originTag, whereLabel } from '../search/hit-row.js';
import { sameCorpus } from '../search/SearchPane.js';
import { SearchView, type HitRow } from '../search/SearchView.js';
import { FindingsSession, type ScanProgress } from './findings-session.js';
import { useFindingsInput } from './use-findings-input.js';
import { useFindingsState } from './use-findings-state.js';

export interface FindingsPaneProps {
  corpus: Corpus | null;
  width: number;
  height: number;
  active: boolean;
  /** Enter on a finding: the app opens the log at it (`revealed` says whether the user chose to see secrets). */
  onOpen(finding: Finding, revealed: boolean): void;
  onBack(): void;
  onStatus(msg: string, tone?: 'info' | 'error' | 'warn' | 'ok'): void;
  /** Project env vars (`xxxx1234`), to name the variable a secret probably is. */
  envVars?: () => Promise<readonly EnvVarHint[]>;
  paneId?: string;
}

const CHROME_ROWS = 3;
/** The scan outlives the pane (a log opened from a finding, then back). */
const SESSION = featureSlot<FindingsSession>();

export function FindingsPane(p: FindingsPaneProps) {
  const cache = useLoadedCache();
  const [nonce, setNonce] = useState(0);
  const session = useMemo(() => {
    if (!p.corpus) return null;
    const held = cache.feature(SESSION).get();
    if (held && sameCorpus(held.corpus, p.corpus)) return held;
    const s = new FindingsSession(p.corpus, p.envVars);
    cache.feature(SESSION).set(s);
    return s;
  }, [p.corpus, nonce]);
  const progress = useScan(session);
  const [state, dispatch] = useFindingsState();
  const rows = Math.max(1, p.height - CHROME_ROWS);
  const shown = useMemo(() => (progress?.findings ?? []).filter((f) => state.showInfo || f.severity !== 'info'), [progress?.findings, state.showInfo]);

  useEffect(() => dispatch({ type: 'list', action: { type: 'resize', count: shown.length, height: rows } }), [shown.length, rows]);

  useFindingsInput(p.paneId ?? 'findings', {
    state,
    dispatch,
    open: (i) => {
      const f = shown[i];
      if (f) p.onOpen(f, state.reveal);
    },
    rescan: () => {
      session?.stop();
      cache.feature(SESSION).forget();
      setNonce((n) => n + 1);
      p.onStatus('scanning again…');
    },
    onBack: p.onBack,
  });

  const top = state.list.top;
  const visible = shown.slice(top, top + rows).map((f, i) => findingRow(f, top + i, p.width, state.reveal, Boolean(p.corpus?.mixed)));
  const secrets = shown.filter((f) => f.severity !== 'info').length;
  const title = `Secrets in downloaded output · ${cell(p.corpus?.label ?? 'nothing downloaded', 50)} · ${secrets} finding${secrets === 1 ? '' : 's'}${progress && !progress.done ? '…' : ''}`;
  const line = (
    <SafeText color="gray" wrap="truncate-end">
      {state.reveal ? 'secrets shown in clear (v hides them)' : 'secrets masked (v shows them)'}
      {state.showInfo ? ' · values CircleCI masked are listed (i hides them)' : ''}
    </SafeText>
  );
  const message = !p.corpus
    ? { text: 'Nothing downloaded to scan: press d or D on a list to download evidence, or run `sleuth open DIR`.', tone: 'muted' as const }
    : progress?.error
      ? { text: `the scan failed: ${cell(progress.error, 200)}`, tone: 'error' as const }
      : shown.length === 0
        ? { text: progress?.done ? `no secrets found in ${progress.files} files` : 'scanning…', tone: 'muted' as const }
        : null;
  const status = [progress && !progress.done ? 'scanning…' : progress ? `${progress.files} files scanned` : '', shown.length ? `${state.list.cursor + 1}/${shown.length}` : '', 'Enter open · v reveal · i info · r rescan · Esc back']
    .filter(Boolean)
    .join(' · ');

  return <SearchView width={p.width} rows={rows} title={cell(title, p.width)} queryLine={line} hits={visible} selected={state.list.cursor - top} active={p.active} message={message} status={cell(status, p.width)} />;
}

function useScan(session: FindingsSession | null): ScanProgress | null {
  const [p, setP] = useState<ScanProgress | null>(session?.state ?? null);
  useEffect(() => {
    if (!session) return;
    setP(session.state);
    let timer: NodeJS.Timeout | null = null;
    const off = session.subscribe((next) => {
      if (next.done) {
        if (timer) clearTimeout(timer);
        timer = null;
        setP(next);
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          setP(session.state);
        }, 100);
      }
    });
    session.start();
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [session]);
  return p;
}

/** `mixed`: the corpus joins an evidence folder and the cache, so the tag says which one each finding is in. */
export function findingRow(f: Finding, index: number, width: number, reveal: boolean, mixed = false): HitRow {
  const where = whereLabel(f);
  const tag = [originTag(f, mixed), nodeTag(f), f.field === 'bash_command' ? 'cmd' : f.field === 'artifact' ? 'artifact' : '', f.encoding === 'base64' ? 'base64' : '', f.via.length ? `via ${f.via.join('+')}` : ''].filter(Boolean).join(' ');
  const rule = `${f.ruleId} `;
  const value = cell(reveal ? f.secret : f.masked, Math.max(8, Math.floor(width / 2)));
  const extra = [f.envMatches.length ? (f.ruleId === 'circleci-masked-value' ? `masked value of ${f.envMatches.join(', ')}` : `last 4 match ${f.envMatches.join(', ')}`) : '', f.note && f.encoding !== 'base64' ? f.note : ''].filter(Boolean).join(' · ');
  const room = Math.max(1, width - where.length - visibleWidth(rule) - visibleWidth(value) - (tag ? tag.length + 3 : 0));
  return { key: `${index}:${f.file}:${f.line}:${f.column}:${f.ruleId}`, where, tag: tag ? `[${tag}]` : '', before: rule, match: value, after: extra ? cell(`  ${extra}`, room) : '' };
}
