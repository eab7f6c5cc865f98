import { Transform, type TransformCallback } from 'node:stream';

/** S2: the longest stdin line the stdio server accepts. */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Caps stdin lines before they reach the SDK's stdio transport. The SDK closes the whole connection when its
 * read buffer overflows; here a line over the cap is dropped (its bytes are never buffered) and reported on
 * stderr, and the next line is served normally (SECURITY S2).
 */
export class LineCap extends Transform {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #dropping = false;
  readonly #max: number;
  readonly #onDrop: () => void;

  constructor(max = MAX_LINE_BYTES, onDrop: () => void = () => {}) {
    super();
    this.#max = max;
    this.#onDrop = onDrop;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!this.#dropping) {
        const piece = chunk.subarray(start, end);
        if (this.#pendingBytes + piece.length > this.#max) {
          this.#pending = [];
          this.#pendingBytes = 0;
          this.#dropping = true;
          this.#onDrop();
        } else if (piece.length > 0) {
          this.#pending.push(piece);
          this.#pendingBytes += piece.length;
        }
      }
      if (newline === -1) break;
      if (!this.#dropping) {
        this.#pending.push(Buffer.from('\n'));
        this.push(Buffer.concat(this.#pending));
      }
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#dropping = false;
      start = newline + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.#dropping && this.#pendingBytes > 0) this.push(Buffer.concat([...this.#pending, Buffer.from('\n')]));
    done();
  }
}
