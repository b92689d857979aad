import { createReadStream } from 'node:fs';

export interface LineBatch {
  // The line number (1-based) of lines[0].
  readonly firstLineNo: number;
  // Lines decoded as ISO 8859-1, without their LF or CRLF.
  readonly lines: readonly string[];
}

// Reads a feed file as batches of lines (one batch per read chunk): a line at a time through an
// async iterator would cost more than parsing it, at millions of lines.
export async function* readFeedLines(path: string, highWaterMark = 1 << 20): AsyncIterable<LineBatch> {
  let carry = '';
  let lineNo = 1;
  for await (const chunk of createReadStream(path, { highWaterMark })) {
    const text = carry + (chunk as Buffer).toString('latin1');
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
    }
    if (lines.length > 0) {
      yield { firstLineNo: lineNo, lines };
      lineNo += lines.length;
    }
  }
  if (carry.length > 0)
    yield { firstLineNo: lineNo, lines: [carry.endsWith('\r') ? carry.slice(0, -1) : carry] };
}
