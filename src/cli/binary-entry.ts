// The standalone binary's entry (scripts/build-binary.mjs bundles it; scripts/binary/boot.cjs imports it): the same
// start as bin/sleuth.js, with both command entries inside the one bundle.
import { runEntry } from './entry.js';

await runEntry(process.argv, { fast: () => import('./search-main.js'), full: () => import('./main.js') });
