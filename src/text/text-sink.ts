// Where the escape-sequence parser sends what it decided: a display renderer or a plain-text stripper.

export interface TextSink {
  /** True when complete escape sequences are removed outright (stripping) instead of shown or re-serialised. */
  readonly removesSequences: boolean;
  /** True while the current line is over its length cap: the parser may skip input up to the next newline. */
  readonly isCut: boolean;
  /** A run of printable ASCII (0x20–0x7E) taken from `text`. */
  ascii(text: string, start: number, end: number): void;
  /** One non-ASCII code point (`chars` is its UTF-16 text); the sink classifies it. */
  codePoint(codePoint: number, chars: string): void;
  /** A control made visible, e.g. `^[`, `^M`, `<U+009B>`. */
  control(token: string): void;
  tab(): void;
  /** A syntactically complete `ESC [ <digits ; :> m`. False when it must be shown visibly instead. */
  sgr(body: string): boolean;
  /** `count` input characters skipped while the line is cut. */
  skip(count: number): void;
  newline(): void;
  /** Output produced so far, safe to write now. */
  take(): string;
  /** Closes the current line's state (styles, markers) and returns the remaining output. */
  finish(): string;
}
