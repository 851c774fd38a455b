import { afterEach, describe, expect, it } from 'vitest';
import { evidenceCorpus } from '../../../src/search/corpus.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { fake, WF, writeTree } from '../../search/helpers.js';
import { mountFindings, plain } from '../search/harness.js';

const tmp = useTmpDirs();
const NPM = fake('npm_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq');
const AWS = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function corpus() {
  return evidenceCorpus(
    writeTree(tmp(), {
      [`${WF}/job-5015/step-104.txt`]: `Uploading\nNPM_TOKEN=${NPM}\nAWS_ACCESS_KEY_ID=${AWS}\n`,
      [`${WF}/job-5016/step-103.txt`]: 'NPM_TOKEN=****************\n',
      [`${WF}/job-5016/step-info.json`]: JSON.stringify([{ step: 101, index: 0, bash_command: 'echo hello' }]),
    }),
  );
}

describe('FindingsPane', () => {
  it('lists findings masked; v reveals them; Enter opens the log at one', async () => {
    const m = mountFindings(corpus());
    mounted.push(m);
    const f = plain(await m.frame((x) => x.includes('2 findings') && x.includes('files scanned'), 'scan done'));
    expect(f).toMatch(/5015\/104 :2\s+npm-access-token npm_\*+2eUq/);
    expect(f).toMatch(/5015\/104 :3\s+aws-access-key-id AKIA\*+WZPN/);
    expect(f).toMatch(/5016\/103 :1\s+circleci-masked-value NPM_TOKEN=\*+/);
    expect(f).not.toContain(NPM);
    await m.send('findings.reveal');
    expect(plain(m.lastFrame() ?? '')).toContain(NPM);
    await m.send('cursor.down', 'open');
    expect(m.rec.found.map((x) => [x.finding.ruleId, x.finding.line, x.revealed])).toEqual([['aws-access-key-id', 3, true]]);
  });

  it('i hides the values CircleCI already masked; back leaves', async () => {
    const m = mountFindings(corpus());
    mounted.push(m);
    // Shown first, so the wait below sees it go (not a check after a guessed pause).
    await m.frame((x) => x.includes('files scanned') && plain(x).includes('circleci-masked-value'), 'scan done, masked value listed');
    await m.send('findings.info');
    await m.frame((x) => !plain(x).includes('circleci-masked-value') && x.includes('files scanned'), 'masked value hidden');
    await m.send('back');
    expect(m.rec.backs).toBe(1);
  });

  it('says when nothing is found, and when nothing is downloaded', async () => {
    const clean = mountFindings(evidenceCorpus(writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: 'all good\n' })));
    mounted.push(clean);
    await clean.frame((x) => x.includes('no secrets found in 1 files'), 'clean');
    const none = mountFindings(null);
    mounted.push(none);
    await none.frame((x) => x.includes('Nothing downloaded to scan'), 'empty');
  });
});
