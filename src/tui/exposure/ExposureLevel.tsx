// The exposure pane as an App level (`x`): the app's pane props → ExposurePane's. An evidence
// folder has no project API behind it, so exposure needs a live source and an API.
import type { ExposureApi, ExposureScope } from '../../exposure/index.js';
import type { PaneProps } from '../panes/pane-props.js';
import { ExposurePane } from './ExposurePane.js';

export function ExposureLevel(p: Pick<PaneProps, 'width' | 'height' | 'status' | 'nav' | 'window' | 'source'> & { api: ExposureApi | null | undefined; scope: ExposureScope; auditFiles: string[] }) {
  const live = p.source.kind === 'live';
  return (
    <ExposurePane
      api={live ? (p.api ?? null) : null}
      project={live ? p.source.project : null}
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
