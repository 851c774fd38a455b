// Colour helpers for fake tool output (real CircleCI logs are full of SGR sequences).
export const ESC = '\u001b';
export const sgr = (codes: string, text: string): string => `${ESC}[${codes}m${text}${ESC}[0m`;
export const green = (t: string): string => sgr('32', t);
export const red = (t: string): string => sgr('31', t);
export const yellow = (t: string): string => sgr('33', t);
export const bold = (t: string): string => `${ESC}[1m${t}${ESC}[22m`;
export const dim = (t: string): string => sgr('2', t);
/** Jest's inverse status badge: ` PASS ` / ` FAIL `. */
export const badge = (ok: boolean): string => `${ESC}[0m${ESC}[7m${ESC}[1m${ESC}[${ok ? 32 : 31}m ${ok ? 'PASS' : 'FAIL'} ${ESC}[39m${ESC}[22m${ESC}[27m${ESC}[0m`;
