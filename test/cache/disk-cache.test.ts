import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { useTmpDirs } from '../helpers/tmp.js';

describe('DiskCache', () => {
  const tmp = useTmpDirs();

  it('round-trips exact bytes, including invalid UTF-8 and NUL', async () => {
    const c = new DiskCache(tmp());
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]);
    await c.put('k', body, null, { url: 'https://x/y' });
    const hit = await c.get('k');
    expect(hit?.body.equals(body)).toBe(true);
    expect(hit?.meta).toEqual({ url: 'https://x/y' });
    expect(c.stats).toMatchObject({ hits: 1, writes: 1 });
  });

  it('expires entries after their TTL and keeps null-TTL entries forever', async () => {
    let now = 1_000_000;
    const c = new DiskCache(tmp(), { now: () => now });
    await c.put('short', Buffer.from('a'), 1000);
    await c.put('forever', Buffer.from('b'), null);
    now += 999;
    expect(await c.get('short')).not.toBeNull();
    now += 2;
    expect(await c.get('short')).toBeNull();
    now += 10 * 365 * 86400e3;
    expect((await c.get('forever'))?.body.toString()).toBe('b');
  });

  it('discards a truncated or corrupted entry instead of serving it', async () => {
    const c = new DiskCache(tmp());
    await c.put('t', Buffer.from('0123456789'), null);
    const file = c.pathFor('t');
    const data = readFileSync(file);
    writeFileSync(file, data.subarray(0, data.length - 3));
    expect(await c.get('t')).toBeNull();
    expect(c.stats.corrupt).toBe(1);

    await c.put('f', Buffer.from('0123456789'), null);
    const f2 = c.pathFor('f');
    const d2 = readFileSync(f2);
    d2[d2.length - 1] = 0x41;
    writeFileSync(f2, d2);
    expect(await c.get('f')).toBeNull();

    await c.put('g', Buffer.from('x'), null);
    writeFileSync(c.pathFor('g'), 'not a header at all');
    expect(await c.get('g')).toBeNull();
  });

  it('writes files readable only by the owner and leaves no temporary files', async () => {
    const dir = tmp();
    const c = new DiskCache(dir);
    await c.put('m', Buffer.from('x'), null);
    const file = c.pathFor('m');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const leftovers = readdirSync(file.replace(/\/[^/]+$/, '')).filter((n) => n.includes('.tmp-'));
    expect(leftovers).toEqual([]);
  });

  it('--refresh skips reads but still writes', async () => {
    const dir = tmp();
    await new DiskCache(dir).put('r', Buffer.from('old'), null);
    const c = new DiskCache(dir, { refresh: true });
    expect(await c.get('r')).toBeNull();
    await c.put('r', Buffer.from('new'), null);
    expect((await new DiskCache(dir).get('r'))?.body.toString()).toBe('new');
  });

  it('never fails the caller when the directory cannot be written', async () => {
    const blocker = `${tmp()}/a-file`;
    writeFileSync(blocker, 'x');
    const c = new DiskCache(`${blocker}/cache`); // a file where the directory should be: ENOTDIR
    await expect(c.put('x', Buffer.from('y'), null)).resolves.toBeUndefined();
    expect(await c.get('x')).toBeNull();
  });
});
