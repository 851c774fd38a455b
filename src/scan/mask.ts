// How a found secret is shown: the middle masked, the ends kept so it can be recognised (and its last four compared
// with the `xxxx1234` form the CircleCI API returns for env vars). Always one line.

export function maskSecret(secret: string, ruleId = ''): string {
  const one = secret.replace(/[\r\n]+/g, ' ');
  if (ruleId === 'private-key') {
    const head = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/i.exec(one)?.[0] ?? 'private key';
    return `${head} ******** (${secret.length} characters)`;
  }
  if (ruleId === 'circleci-masked-value') return one;
  const chars = [...one];
  const n = chars.length;
  const keep = n >= 20 ? 4 : n >= 12 ? 2 : n >= 8 ? 1 : 0;
  const stars = '*'.repeat(Math.max(3, Math.min(16, n - 2 * keep)));
  return keep === 0 ? stars : `${chars.slice(0, keep).join('')}${stars}${chars.slice(n - keep).join('')}`;
}
