// Cuts a byte stream into UTF-8 lines as chunks arrive, with a cap on one line, so a pack
// member read line by line (the custody log) is never held whole, whatever its size.
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Set when a line ran past the cap; no further lines are produced. */
  overlong = false;

  constructor(
    private readonly onLine: (line: string) => boolean,
    private readonly maxLineBytes: number,
  ) {}

  /** Feeds a chunk; false once the consumer wants no more lines (or a line was too long). */
  push(chunk: Buffer): boolean {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      if (this.partBytes + piece.length > this.maxLineBytes) {
        this.overlong = true;
        return false;
      }
      if (nl < 0) {
        if (piece.length) this.parts.push(piece);
        this.partBytes += piece.length;
        return true;
      }
      const line = this.parts.length ? Buffer.concat([...this.parts, piece]).toString('utf8') : piece.toString('utf8');
      this.parts = [];
      this.partBytes = 0;
      if (!this.onLine(line)) return false;
      start = nl + 1;
    }
  }

  /** Ends the stream: a last line without a newline is still a line. */
  end(): void {
    if (this.partBytes > 0 && !this.overlong) this.onLine(Buffer.concat(this.parts).toString('utf8'));
    this.parts = [];
    this.partBytes = 0;
  }
}
