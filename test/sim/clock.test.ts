// The story's clock: one anchor (when pipeline 909 was created) places every time of the world. The fixed anchor keeps
// tests byte-exact; `sleuth demo` anchors the same world just before now. Only times move.
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_AUDIT, sampleAuditEvents, type SampleAuditEvent } from '../../src/sim/audit/index.js';
import { SIM_ANCHOR_MS, SIM_PIPELINES, startSimulator, type SimHandle, type SimOptions } from '../../src/sim/index.js';
import { anchorLabel, DEMO_LEAD_MS, demoAnchorMs, HOUR, MINUTE, SECOND } from '../../src/sim/time.js';
import { runningDeployMessages } from '../../src/sim/output/running-deploy.js';
import { getWorld, pipelineCreatedMs } from '../../src/sim/world/build-world.js';
import { storySnapshot } from './sim-test-kit.js';

const DAY = 24 * HOUR;
/** Far from a whole day, hour or minute: a time that was only partly moved would show. */
const SHIFT = 17 * DAY + 3 * HOUR + 17 * MINUTE + 3 * SECOND;

const started: SimHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function snapshotAt(opts: SimOptions): Promise<string[]> {
  const sim = await startSimulator(opts);
  started.push(sim);
  return storySnapshot(sim);
}

/** Every time written in the text, moved back by `ms`: ISO with or without milliseconds, and npm's `T10_04_41_207Z`. */
function shiftTimesBack(text: string, ms: number): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g, (t, millis: string | undefined) => {
      const iso = new Date(Date.parse(t) - ms).toISOString();
      return millis ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
    })
    .replace(/(\d{4}-\d{2}-\d{2})T(\d{2})_(\d{2})_(\d{2})_(\d{3})Z/g, (_t, d: string, h: string, m: string, s: string, f: string) =>
      new Date(Date.parse(`${d}T${h}:${m}:${s}.${f}Z`) - ms).toISOString().replace(/[:.]/g, '_'));
}

async function expectShiftedStory(opts: SimOptions): Promise<void> {
  const [fixed, moved] = await Promise.all([snapshotAt(opts), snapshotAt({ ...opts, anchorMs: SIM_ANCHOR_MS + SHIFT })]);
  expect(moved).toHaveLength(fixed.length);
  // The times did move (the comparison below would also pass if the anchor were ignored).
  const differing = moved.filter((chunk, i) => chunk !== fixed[i]).length;
  expect(differing).toBeGreaterThan(fixed.length / 2);
  // The last two, env vars and contexts, are the project's history (created months or years before): they stay.
  const history = fixed.length - 2;
  moved.forEach((chunk, i) => expect(i < history ? shiftTimesBack(chunk, SHIFT) : chunk, `chunk ${i}`).toBe(fixed[i]));
}

describe('the world relative to an anchor', () => {
  it('places pipeline n at anchor − (909 − n) × 2 h; the default anchor is the fixed one', () => {
    const anchor = Date.UTC(2030, 0, 2, 3, 0, 0);
    expect(pipelineCreatedMs(909, anchor)).toBe(anchor);
    expect(pipelineCreatedMs(896, anchor)).toBe(anchor - 26 * HOUR);
    expect(pipelineCreatedMs(SIM_PIPELINES.first)).toBe(SIM_ANCHOR_MS - 118 * HOUR);
    expect(getWorld().pipelines[0]!.createdMs).toBe(SIM_ANCHOR_MS);
    expect(getWorld(anchor).pipelines[0]!.createdMs).toBe(anchor);
    // Built once per anchor: the same object again, for the fixed world and the demo's.
    expect(getWorld(anchor)).toBe(getWorld(anchor));
    expect(getWorld()).toBe(getWorld(SIM_ANCHOR_MS));
  });

  it('serves the same story at another anchor, every time moved by the difference and nothing else', () => expectShiftedStory({}));

  it('does the same for the hostile world', () => expectShiftedStory({ hostile: true }));

  it('moves the sample audit log with the world (the exposure join matches by job id and by time)', () => {
    for (const hostile of [false, true]) {
      const fixed = sampleAuditEvents({ hostile });
      const moved = sampleAuditEvents({ hostile, anchorMs: SIM_ANCHOR_MS + SHIFT });
      // The team logs in at 08:52 and 08:55 UTC every day the story covers, whatever the anchor: those stay on the clock.
      const daily = (e: SampleAuditEvent) => e.action === 'user.logged_in' && e.request.ip_address !== SAMPLE_AUDIT.malloryIp;
      for (const e of moved.filter(daily)) expect(e.occurred_at.slice(11)).toMatch(/^08:5[25]:00\.000Z$/);
      expect(moved.filter(daily).length).toBeGreaterThanOrEqual(10);
      const rest = (events: SampleAuditEvent[]) => events.filter((e) => !daily(e));
      expect(rest(moved).length).toBeGreaterThan(400);
      expect(rest(moved)[0]!.occurred_at).not.toBe(rest(fixed)[0]!.occurred_at);
      // Hostile cells take corpus rows in the order of events, which the fixed-clock logins interleave differently:
      // there the ids, actions and times are compared.
      const shown = (e: SampleAuditEvent) => JSON.stringify(hostile ? [e.id, e.action, e.occurred_at] : e);
      expect(rest(moved).map((e) => shiftTimesBack(shown(e), SHIFT))).toEqual(rest(fixed).map(shown));
    }
  });
});

describe('the running deploy step', () => {
  it('stamps each new line with the wall time it was printed at, however long before the step started', () => {
    const stepStart = SIM_ANCHOR_MS + 45 * SECOND;
    for (const simStartedAt of [stepStart + 50 * MINUTE, stepStart + 40 * DAY]) {
      const now = simStartedAt + 10 * SECOND + 250;
      const messages = runningDeployMessages(stepStart, 'abcdef0123', { now, simStartedAt });
      // Three header lines, then a tick every 500 ms since the simulator started.
      expect(messages).toHaveLength(1 + 21);
      expect(messages[0]!.time).toBe(new Date(stepStart + 200).toISOString());
      expect(messages[1]!.time).toBe(new Date(simStartedAt).toISOString());
      const last = Date.parse(messages.at(-1)!.time);
      expect(now - last).toBeGreaterThanOrEqual(0);
      expect(now - last).toBeLessThan(500);
    }
  });
});

describe("the demo's anchor", () => {
  const at = (iso: string) => demoAnchorMs(Date.parse(iso));

  it('is the start of the hour that began DEMO_LEAD_MS ago', () => {
    expect(DEMO_LEAD_MS).toBe(10 * MINUTE);
    expect(at('2026-12-04T16:55:00Z')).toBe(Date.parse('2026-12-04T16:00:00Z'));
    expect(at('2026-12-04T16:10:00Z')).toBe(Date.parse('2026-12-04T16:00:00Z'));
    expect(at('2026-12-04T16:09:59.999Z')).toBe(Date.parse('2026-12-04T15:00:00Z'));
    expect(at('2027-01-01T00:05:00Z')).toBe(Date.parse('2026-12-31T23:00:00Z'));
  });

  it('makes the newest pipeline 10 to 70 minutes old and the oldest under 5 days, at any minute of the hour', () => {
    for (let minute = 0; minute < 60; minute++) {
      const now = Date.parse('2026-12-04T16:00:00Z') + minute * MINUTE + 17 * SECOND;
      const newest = now - pipelineCreatedMs(909, demoAnchorMs(now));
      expect(newest).toBeGreaterThanOrEqual(10 * MINUTE);
      expect(newest).toBeLessThan(70 * MINUTE);
      expect(now - pipelineCreatedMs(SIM_PIPELINES.first, demoAnchorMs(now))).toBeLessThan(5 * DAY);
    }
  });

  it('names its world by the hour, a name valid as a folder anywhere', () => {
    expect(anchorLabel(Date.parse('2026-12-04T15:00:00Z'))).toBe('2026-12-04T15Z');
  });
});
