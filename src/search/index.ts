// Search across downloaded output (no Ink here): exact with encodings, regex (safe engine), fuzzy (prefilter + rank).
export { cacheCorpus, CorpusReader, evidenceCorpus, type Corpus, type CorpusDoc, type LoadedDoc } from './corpus.js';
export { base64Fragment, describeEncoding, MIN_ENCODED_LENGTH, planNeedles, unmaskableReason, type Encoding, type Needle, type NeedlePlan } from './encodings.js';
export { ExactSearcher, type RawHit } from './exact.js';
export { FuzzyIndex, type FuzzyOptions, type FuzzyResult } from './fuzzy.js';
export { junkLength, normalise, type JunkKind } from './junk.js';
export { MultiMatcher } from './matcher.js';
export { exactHits, exactHitsOfDoc, regexHits } from './hits.js';
export { checkSearchable, runSearch, UnmaskableError, type RunSearchOptions, type SearchResult } from './run.js';
export { compileSafeRegex, enableLinearRegexFallback, UnsafeRegexError } from './safe-regex.js';
export type { DocRef, SearchHit, SearchMode, SearchSummary } from './types.js';
