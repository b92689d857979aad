import { EdifactSyntaxError, readEdifact } from './edifact-reader';

describe('readEdifact', () => {
  it('uses the separators declared in UNA', () => {
    expect(readEdifact('UNA|*.# ~UNB*UNOC|3~XYZ*a#*b|c~')).toEqual([
      { tag: 'UNB', elements: [['UNOC', '3']] },
      { tag: 'XYZ', elements: [['a*b', 'c']] },
    ]);
  });

  it('defaults to the standard separators and drops line breaks between and inside segments', () => {
    expect(readEdifact("UNB+UNOC:3'\r\nFTX+PMD+++Hel\nlo'")).toEqual([
      { tag: 'UNB', elements: [['UNOC', '3']] },
      { tag: 'FTX', elements: [['PMD'], [''], [''], ['Hello']] },
    ]);
  });

  it('keeps released service characters as data', () => {
    expect(readEdifact("UNA:+.? 'NAD+BE+++A?'B?+C?:D??'")[0]?.elements[3]).toEqual(["A'B+C:D?"]);
  });

  it.each([
    ['UNB+UNOC:3', /does not end with a segment terminator/],
    ['UNB+UNOC:3?', /dangling release character/],
    ["12+x'", /invalid segment tag "12"/],
    ['UNA:+', /truncated/],
  ])('rejects malformed input %j', (input, message) => {
    expect(() => readEdifact(input)).toThrow(EdifactSyntaxError);
    expect(() => readEdifact(input)).toThrow(message);
  });
});
