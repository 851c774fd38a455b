// `sleuth doctor` says which engine searches: ripgrep and its version (from `rg --version`), or the Node core and why.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { engineItem } from '../../src/cli/commands/doctor.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();

async function doctor(env: NodeJS.ProcessEnv, json = false) {
  const c = captureIo({ SLEUTH_CACHE_DIR: tmp(), SLEUTH_CONFIG_DIR: tmp(), ...env }, { home: tmp(), cwd: tmp() });
  const code = await main(['node', 'sleuth', 'doctor', '--offline', ...(json ? ['--json'] : [])], c.io);
  return { code, out: c.out() };
}

describe('the search engine line', () => {
  it('ripgrep from the package, with the version rg itself gives', async () => {
    const r = await doctor({});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Search engine\s+ripgrep 15\.\d+\.\d+\s+\(@vscode\/ripgrep: \S+\/rg\)$/m);
  });

  it('the Node core and why, when SLEUTH_RG turns rg off or names no executable', async () => {
    // The same run with rg on shows ripgrep: the line changes with the setting.
    expect((await doctor({})).out).not.toMatch(/^Search engine\s+Node core/m);
    expect((await doctor({ SLEUTH_RG: 'off' })).out).toMatch(/^Search engine\s+Node core\s+\(SLEUTH_RG=off\)$/m);
    expect((await doctor({ SLEUTH_RG: '/nonexistent/rg' })).out).toMatch(/^Search engine\s+Node core\s+\(SLEUTH_RG is not an executable file\)$/m);
  });

  it('--json has it as an item', async () => {
    const items = (JSON.parse((await doctor({ SLEUTH_RG: 'off' }, true)).out) as { items: { key: string; value: string; source: string }[] }).items;
    expect(items.find((i) => i.key === 'searchEngine')).toEqual({ key: 'searchEngine', label: 'Search engine', value: 'Node core', source: 'SLEUTH_RG=off' });
  });

  it('an rg that does not answer --version is named, with a warning', () => {
    const item = engineItem({}, () => null);
    expect(item?.value).toBe('ripgrep (did not answer --version)');
    expect(item?.warning).toMatch(/did not answer --version/);
  });
});

describe('sleuth search --help', () => {
  it('names the engine that runs', async () => {
    const help = async (env: NodeJS.ProcessEnv) => {
      const c = captureIo(env);
      await main(['node', 'sleuth', 'search', '--help'], c.io);
      return c.out();
    };
    expect(await help({})).toMatch(/^Search engine: ripgrep \(@vscode\/ripgrep: \S+\/rg\) \(see sleuth doctor\)$/m);
    expect(await help({ SLEUTH_RG: 'off' })).toMatch(/^Search engine: Node core \(SLEUTH_RG=off\) \(see sleuth doctor\)$/m);
  });
});
