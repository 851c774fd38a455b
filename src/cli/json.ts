// JSON for scripts: the terminal-safe, depth-capped serializer lives in the text layer so the
// data layer (evidence, cache) can use it too.
export { safeJson, capDepth } from '../text/safe-json.js';
