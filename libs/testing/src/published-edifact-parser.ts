// An independent reading of EDIFACT: the published `edifact` parser from npm, never our own reader,
// so tests of our writer do not only agree with themselves.
const Parser = require('edifact/parser.js') as new () => ThirdPartyParser;

interface ThirdPartyParser {
  on(event: 'opensegment', cb: (name: string) => void): void;
  on(event: 'element', cb: () => void): void;
  on(event: 'component', cb: (value: string) => void): void;
  encoding(level: string): void;
  write(text: string): void;
  end(): void;
}

export interface PublishedParserSegment {
  readonly name: string;
  readonly elements: string[][];
}

export function parseWithPublishedEdifactParser(text: string): PublishedParserSegment[] {
  const parser = new Parser();
  parser.encoding('UNOC');
  const result: PublishedParserSegment[] = [];
  let elements: string[][] = [];
  let components: string[] = [];
  parser.on('opensegment', (name) => {
    elements = [];
    result.push({ name, elements });
  });
  parser.on('element', () => {
    components = [];
    elements.push(components);
  });
  parser.on('component', (value) => components.push(value));
  parser.write(text);
  parser.end();
  return result;
}
