// Appends one JSON line per request so tests can check a crawler's politeness and robots
// compliance after the fact.
import { createWriteStream, type WriteStream } from 'node:fs';

export interface AccessEntry {
  time: string;
  host: string;
  method: string;
  path: string;
  status: number;
  ua: string;
}

export class AccessLog {
  private readonly out: WriteStream;
  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
    this.out.on('error', () => undefined);
  }
  write(e: AccessEntry): void {
    this.out.write(`${JSON.stringify(e)}\n`);
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}
