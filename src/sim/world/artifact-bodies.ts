// Contents of the story's artifacts (small, deterministic).

export interface ArtifactSpec {
  path: string;
  nodeIndex: number;
  body: string | Buffer;
  contentType: string;
}

const text = 'text/plain';

export function lcovBody(): string {
  const files = ['src/ledger/rounding.ts', 'src/ledger/settlement.ts', 'src/cards/authorize.ts'];
  return files
    .map((f, i) => {
      const da = Array.from({ length: 6 }, (_, l) => `DA:${l + 1},${(l * 7 + i) % 13}`).join('\n');
      return `TN:\nSF:${f}\n${da}\nLF:6\nLH:${5 - i}\nend_of_record`;
    })
    .join('\n') + '\n';
}

export function junitBody(suite: string, tests: number, failures: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="jest tests" tests="${tests}" failures="${failures}" errors="0" time="41.2">`,
    `  <testsuite name="${suite}" errors="0" failures="${failures}" skipped="0" tests="${tests}" time="41.2">`,
    `    <testcase classname="${suite}" name="settles card payment" time="0.21"/>`,
    failures > 0
      ? `    <testcase classname="${suite}" name="reconciles partial refunds" time="0.08"><failure>expected 1999, received 2000</failure></testcase>`
      : `    <testcase classname="${suite}" name="reconciles partial refunds" time="0.08"/>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Job 5015's artifacts: two real reports plus paths that try to escape a download directory. */
export function maliciousArtifacts(): ArtifactSpec[] {
  const escape = (what: string): string => `this artifact tried to escape the download directory (${what})\n`;
  return [
    { path: 'coverage/lcov.info', nodeIndex: 0, body: lcovBody(), contentType: text },
    { path: 'test-results/junit.xml', nodeIndex: 0, body: junitBody('payments', 611, 0), contentType: 'application/xml' },
    { path: '../../../../etc/passwd', nodeIndex: 0, body: 'root:x:0:0:root:/root:/bin/bash\nmallory:x:1000:1000::/home/mallory:/bin/sh\n', contentType: text },
    { path: '/etc/shadow', nodeIndex: 0, body: 'root:$6$simulated$notarealhash:19000:0:99999:7:::\n', contentType: text },
    { path: 'coverage/../../escape.txt', nodeIndex: 0, body: escape('dot-dot inside a path'), contentType: text },
    { path: 'C:\\Windows\\evil.dll', nodeIndex: 0, body: Buffer.from('MZ\x90\x00simulated-dll', 'latin1'), contentType: 'application/octet-stream' },
    { path: '%2e%2e%2fsecret.txt', nodeIndex: 0, body: escape('percent-encoded dot-dot'), contentType: text },
    { path: '..\\..\\win.txt', nodeIndex: 0, body: escape('backslash dot-dot'), contentType: text },
    { path: 'a\u0000b', nodeIndex: 0, body: escape('NUL in name'), contentType: text },
    { path: '\u001b]52;c;ZXZpbA==\u0007.txt', nodeIndex: 0, body: escape('OSC 52 in name'), contentType: text },
    { path: 'CON.txt', nodeIndex: 0, body: escape('Windows reserved device name'), contentType: text },
    { path: 'README', nodeIndex: 0, body: 'README (upper case): collides with readme on case-insensitive file systems\n', contentType: text },
    { path: 'readme', nodeIndex: 0, body: 'readme (lower case): collides with README on case-insensitive file systems\n', contentType: text },
  ];
}
