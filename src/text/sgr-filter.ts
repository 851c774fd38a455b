// Parses the parameters of an SGR sequence (`CSI … m`) and re-serialises only the harmless ones.

const MAX_SGR_FIELDS = 32;
const MAX_FIELD_DIGITS = 3;
/** 32 fields of 3 digits plus separators; anything longer cannot be valid. */
const MAX_SGR_BODY_LENGTH = MAX_SGR_FIELDS * (MAX_FIELD_DIGITS + 1) - 1;
/** RGB colours this close on every channel are treated as the same colour (text would be invisible). */
const INDISTINGUISHABLE_CHANNEL_DISTANCE = 24;
const EMPTY = -1;

/** Attributes passed through. Not here, so dropped: 5/6 blink, 8 conceal, fonts, frames, super/subscript, unknown. */
const ALLOWED_ATTRIBUTES: ReadonlySet<number> = new Set([1, 2, 3, 4, 7, 9, 21, 22, 23, 24, 25, 27, 28, 29, 53, 55, 59]);
const INVERSE = 7;

interface Color {
  /** Re-serialised parameters, e.g. `31`, `48;5;196`, `38;2;255;0;0`. */
  readonly code: string;
  /** Theme palette index 0–15 (its real colour is unknown). */
  readonly palette?: number;
  /** Known RGB value (256-colour cube / grey ramp, truecolour). */
  readonly rgb?: readonly [number, number, number];
}

/** Colours of the 8/16-colour SGR codes (30–37, 40–47, 90–97, 100–107), keyed by code. */
const BASIC_COLORS: ReadonlyMap<number, Color> = new Map(
  [30, 40, 90, 100].flatMap((base) =>
    Array.from({ length: 8 }, (_, offset): [number, Color] => [
      base + offset,
      { code: String(base + offset), palette: offset + (base >= 90 ? 8 : 0) },
    ]),
  ),
);

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

function xterm256Color(code: string, index: number): Color {
  if (index < 16) return { code, palette: index };
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return { code, rgb: [grey, grey, grey] };
  }
  const cube = index - 16;
  const level = (n: number): number => CUBE_LEVELS[n] ?? 0;
  return { code, rgb: [level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6)] };
}

function looksTheSame(a: Color, b: Color): boolean {
  if (a.palette !== undefined || b.palette !== undefined) return a.palette === b.palette;
  if (!a.rgb || !b.rgb) return false;
  return (
    Math.abs(a.rgb[0] - b.rgb[0]) <= INDISTINGUISHABLE_CHANNEL_DISTANCE &&
    Math.abs(a.rgb[1] - b.rgb[1]) <= INDISTINGUISHABLE_CHANNEL_DISTANCE &&
    Math.abs(a.rgb[2] - b.rgb[2]) <= INDISTINGUISHABLE_CHANNEL_DISTANCE
  );
}

/** Parsed bodies are reused: coloured logs repeat the same few SGR bodies millions of times. */
const parsedBodies = new Map<string, readonly (readonly number[])[] | null>();
const MAX_CACHED_BODIES = 512;

function parseFieldsCached(body: string): readonly (readonly number[])[] | null {
  let parsed = parsedBodies.get(body);
  if (parsed === undefined) {
    parsed = parseFields(body);
    if (parsedBodies.size >= MAX_CACHED_BODIES) parsedBodies.clear();
    parsedBodies.set(body, parsed);
  }
  return parsed;
}

/** Splits `1;38:2::255:0:0` into [[1],[38,2,-1,255,0,0]]; null when unbounded or not digits/`;`/`:`. */
function parseFields(body: string): number[][] | null {
  if (body.length > MAX_SGR_BODY_LENGTH) return null;
  const params: number[][] = [];
  let fieldCount = 0;
  for (const param of body.split(';')) {
    const fields: number[] = [];
    for (const field of param.split(':')) {
      fieldCount++;
      if (fieldCount > MAX_SGR_FIELDS || field.length > MAX_FIELD_DIGITS || !/^[0-9]*$/.test(field)) return null;
      fields.push(field === '' ? EMPTY : Number(field));
    }
    params.push(fields);
  }
  return params;
}

const orZero = (value: number): number => (value === EMPTY ? 0 : value);

/** Value of a plain (colon-free) parameter, or undefined when missing or colon-separated. */
function plainValue(param: readonly number[] | undefined): number | undefined {
  if (!param || param.length !== 1) return undefined;
  const value = param[0];
  return value === undefined ? undefined : orZero(value);
}

function colorFromComponents(head: number, components: readonly (number | undefined)[]): Color | null {
  const [r, g, b] = components.map((c) => (c === undefined ? undefined : orZero(c)));
  if (r === undefined || g === undefined || b === undefined || r > 255 || g > 255 || b > 255) return null;
  return { code: `${head};2;${r};${g};${b}`, rgb: [r, g, b] };
}

function colorFromIndex(head: number, index: number | undefined): Color | null {
  if (index === undefined || index > 255) return null;
  return xterm256Color(`${head};5;${index}`, index);
}

/** `38;5;n` / `38;2;r;g;b` (semicolon form): the colour and how many following parameters it used. */
function semicolonColor(params: readonly (readonly number[])[], start: number, head: number): { color: Color; used: number } | null {
  const mode = plainValue(params[start]);
  if (mode === 5) {
    const color = colorFromIndex(head, plainValue(params[start + 1]));
    return color && { color, used: 2 };
  }
  if (mode === 2) {
    const components = [params[start + 1], params[start + 2], params[start + 3]].map(plainValue);
    const color = colorFromComponents(head, components);
    return color && { color, used: 4 };
  }
  return null;
}

/** `38:5:n`, `38:2:r:g:b` or `38:2:colourspace:r:g:b` (colon form). */
function colonColor(fields: readonly number[], head: number): Color | null {
  const mode = fields[1];
  if (mode === 5) return colorFromIndex(head, fields[2] === undefined ? undefined : orZero(fields[2]));
  if (mode !== 2) return null;
  if (fields.length >= 6) return colorFromComponents(head, fields.slice(3, 6));
  if (fields.length === 5) return colorFromComponents(head, fields.slice(2, 5));
  return null;
}

/**
 * Stateful SGR filter for one line of output. Tracks foreground/background across sequences so text can never be
 * made invisible by setting the foreground equal to the background (in one sequence or across several).
 */
export class SgrFilter {
  private foreground: Color | undefined;
  private background: Color | undefined;
  private styled = false;

  constructor(private readonly dropInverse: boolean) {}

  /** True while some attribute or colour set since the last reset may still be active. */
  get hasStyle(): boolean {
    return this.styled;
  }

  /** Forget all state (after a reset was written to the terminal). */
  reset(): void {
    this.foreground = undefined;
    this.background = undefined;
    this.styled = false;
  }

  /**
   * Returns the parameters to emit (`''` = emit nothing), or null when the body is malformed or out of bounds and the
   * sequence must be shown visibly instead. `body` is the text between `CSI` and `m`.
   */
  filter(body: string): string | null {
    const params = parseFieldsCached(body);
    if (!params) return null;
    const out: string[] = [];
    let index = 0;
    while (index < params.length) {
      const fields = params[index] ?? [];
      const head = orZero(fields[0] ?? EMPTY);
      if (head === 38 || head === 48 || head === 58) {
        if (fields.length > 1) {
          index += 1;
          const color = colonColor(fields, head);
          if (color) this.applyColor(head, color, out);
          continue;
        }
        const extended = semicolonColor(params, index + 1, head);
        // A malformed extended colour leaves the remaining parameters misaligned (its payload could read as
        // "8" = conceal): drop the rest of the sequence.
        if (!extended) break;
        index += 1 + extended.used;
        this.applyColor(head, extended.color, out);
        continue;
      }
      index += 1;
      if (fields.length > 1) {
        if (head === 4) this.push(out, fields[1] === 0 ? '24' : '4');
        continue;
      }
      this.applySimple(head, out);
    }
    return out.join(';');
  }

  private applySimple(code: number, out: string[]): void {
    if (code === 0) {
      out.push('0');
      this.reset();
    } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
      this.setForeground(BASIC_COLORS.get(code) ?? { code: String(code) }, out);
    } else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
      this.setBackground(BASIC_COLORS.get(code) ?? { code: String(code) }, out);
    } else if (code === 39) {
      this.foreground = undefined;
      this.push(out, '39');
    } else if (code === 49) {
      this.background = undefined;
      this.push(out, '49');
    } else if (code === INVERSE && this.dropInverse) {
      // Inverse video is reserved for marking controls, so `^[` typed as text cannot imitate a real ESC.
    } else if (ALLOWED_ATTRIBUTES.has(code)) {
      this.push(out, String(code));
    }
  }

  private applyColor(head: number, color: Color, out: string[]): void {
    if (head === 38) this.setForeground(color, out);
    else if (head === 48) this.setBackground(color, out);
    else this.push(out, color.code);
  }

  private setForeground(color: Color, out: string[]): void {
    this.push(out, color.code);
    this.foreground = color;
    if (this.background && looksTheSame(color, this.background)) {
      this.push(out, '49');
      this.background = undefined;
    }
  }

  private setBackground(color: Color, out: string[]): void {
    if (this.foreground && looksTheSame(this.foreground, color)) return;
    this.push(out, color.code);
    this.background = color;
  }

  private push(out: string[], code: string): void {
    out.push(code);
    this.styled = true;
  }
}
