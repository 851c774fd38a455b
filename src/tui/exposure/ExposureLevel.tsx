// The exposure pane as an App level (`x`): the app's pane props → ExposurePane's. An evidence
// folder has no project API behind it: its jobs' contexts come from job-details.json (offline-api.ts).
import { useMemo } from 'react';
import type { ExposureApi, ExposureScope } from '../../exposure/index.js';
import { offlineExposureApi } from './offline-api.js';
import type { PaneProps } from '../levels/pane-props.js';
import { ExposurePane } from './ExposurePane.js';

export function ExposureLevel(p: Pick<PaneProps, 'width' | 'height' | 'status' | 'nav' | 'window' | 'source'> & { api: ExposureApi | null | undefined; scope: ExposureScope; auditFiles: string[] }) {
  const live = p.source.kind === 'live';
  // Memoised: the pane computes again whenever its api changes.
  const offline = useMemo(() => (live ? null : offlineExposureApi(p.source)), [live, p.source]);
  return (
    <ExposurePane
      api={live ? (p.api ?? null) : offline}
      project={live ? p.source.project : (p.source.project ?? p.source.label)}
      window={{ ...(p.window.since ? { since: p.window.since } : {}), ...(p.window.until ? { until: p.window.until } : {}) }}
      scope={p.scope}
      auditFiles={p.auditFiles}
      width={p.width}
      height={p.height}
      onStatus={(m, tone) => p.status.push(m, tone)}
      onBack={() => p.nav({ type: 'pop' })}
      onInputOpenChange={(open) => p.nav({ type: 'input', open })}
    />
  );
}
