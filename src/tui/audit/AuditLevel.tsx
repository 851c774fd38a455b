// The audit pane as an App level (`a`): the app's pane props → AuditPane's.
import type { PaneProps } from '../levels/pane-props.js';
import { AuditPane } from './AuditPane.js';

export function AuditLevel(p: Pick<PaneProps, 'width' | 'height' | 'status' | 'nav'> & { files: string[] }) {
  return (
    <AuditPane
      files={p.files}
      width={p.width}
      height={p.height}
      onStatus={(m, tone) => p.status.push(m, tone)}
      onBack={() => p.nav({ type: 'pop' })}
      onInputOpenChange={(open) => p.nav({ type: 'input', open })}
    />
  );
}
