// Growable UTF-16 output buffer: appending millions of small pieces as strings costs more in GC than the work itself.

const INITIAL_CAPACITY = 4096;
/** After a take(), a buffer grown beyond this is released instead of kept for the next chunk. */
const RETAINED_CAPACITY = 1 << 20;

export class OutputBuffer {
  #units = new Uint16Array(INITIAL_CAPACITY);
  #length = 0;
  #onlyLatin1 = true;

  append(text: string): void {
    this.appendRange(text, 0, text.length);
  }

  appendRange(text: string, start: number, end: number): void {
    this.#reserve(end - start);
    const units = this.#units;
    let length = this.#length;
    let combined = 0;
    for (let index = start; index < end; index++) {
      const unit = text.charCodeAt(index);
      combined |= unit;
      units[length++] = unit;
    }
    this.#length = length;
    if (combined > 0xff) this.#onlyLatin1 = false;
  }

  get isEmpty(): boolean {
    return this.#length === 0;
  }

  take(): string {
    if (this.#length === 0) return '';
    const view = this.#units.subarray(0, this.#length);
    const text = this.#onlyLatin1
      ? Buffer.from(view).toString('latin1') // one byte per character in memory
      : Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('utf16le');
    this.#length = 0;
    this.#onlyLatin1 = true;
    if (this.#units.length > RETAINED_CAPACITY) this.#units = new Uint16Array(INITIAL_CAPACITY);
    return text;
  }

  #reserve(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#units.length) return;
    const grown = new Uint16Array(Math.max(needed, this.#units.length * 2));
    grown.set(this.#units.subarray(0, this.#length));
    this.#units = grown;
  }
}
