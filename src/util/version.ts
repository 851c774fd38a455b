// The version, in a module of its own: `sleuth search` must start without loading the API stack.
export const VERSION = '0.1.0';
