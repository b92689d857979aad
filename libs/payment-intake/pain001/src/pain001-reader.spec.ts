import { BundleHeader, DEFAULT_PAIN001_LIMITS, RawPaymentInfo, RawTransaction } from './pain001.model';
import { Pain001FormatError } from './pain001-format.error';
import { readPain001 } from './pain001-reader';
import { aBundle, aTransaction } from './pain001.builders';
import { writePain001 } from './pain001-writer';

interface Collected {
  headers: BundleHeader[];
  infos: RawPaymentInfo[];
  txs: RawTransaction[];
}

async function* chunks(text: string | Buffer, size = 7): AsyncIterable<Uint8Array> {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function read(text: string | Buffer, limits = DEFAULT_PAIN001_LIMITS, size = 7): Promise<Collected> {
  const c: Collected = { headers: [], infos: [], txs: [] };
  await readPain001(
    chunks(text, size),
    {
      onHeader: (h) => c.headers.push(h),
      onPaymentInfo: (i) => c.infos.push(i),
      onTransaction: (t) => c.txs.push(t),
    },
    limits,
  );
  return c;
}

async function refusal(text: string | Buffer, limits = DEFAULT_PAIN001_LIMITS): Promise<string> {
  const err = await read(text, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Pain001FormatError);
  return (err as Pain001FormatError).reason;
}

const valid = writePain001(
  aBundle([
    aTransaction(),
    aTransaction({
      endToEndId: 'UDK-2026-000002',
      amount: '10',
      creditor: { scheme: 'CVR', id: '13748136' },
      creditorAccount: { other: '00400440116243' },
      adviceText: undefined,
    }),
    aTransaction({
      endToEndId: 'UDK-2026-000003',
      creditorAccount: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    }),
  ]),
);

describe('readPain001', () => {
  it('streams the header, payment information and every transaction, even in 7-byte chunks', async () => {
    const c = await read(valid);
    expect(c.headers).toEqual([
      {
        msgId: 'UDK-20260115-0001',
        createdAt: '2026-01-15T08:00:00Z',
        declaredCount: '3',
        declaredControlSum: '2479.00',
        initiatingPartyId: 'UDK',
      },
    ]);
    expect(c.infos).toEqual([
      {
        pmtInfId: 'PI-1',
        paymentMethod: 'TRF',
        requestedExecutionDate: '2026-01-20',
        debtorName: 'Udbetaling Danmark',
        debitAccountOther: '12340001234567',
        debitAccountIban: null,
      },
    ]);
    expect(
      c.txs.map((t) => [t.index, t.endToEndId, t.amount, t.currency, t.creditorIdScheme, t.creditorId]),
    ).toEqual([
      [0, 'UDK-2026-000001', '1234.50', 'DKK', 'CPR', '2110625629'],
      [1, 'UDK-2026-000002', '10', 'DKK', 'CVR', '13748136'],
      [2, 'UDK-2026-000003', '1234.50', 'DKK', 'CPR', '2110625629'],
    ]);
    expect(c.txs[0]).toMatchObject({
      creditorName: 'Søren Ærø',
      benefitType: 'BOERNEYDELSE',
      adviceText: 'Børne- og ungeydelse 1. kvartal',
    });
    expect(c.txs[1]).toMatchObject({ creditorAccountOther: '00400440116243', adviceText: null });
    expect(c.txs[2]).toMatchObject({
      creditorAccountIban: 'DE89370400440532013000',
      creditorAgentBic: 'COBADEFFXXX',
    });
  });

  it('reads escaped characters and CDATA as text', async () => {
    const c = await read(
      writePain001(aBundle([aTransaction({ adviceText: 'A & B <C> "d"' })])).replace(
        '<Nm>Søren Ærø</Nm>',
        '<Nm><![CDATA[Søren & Co]]></Nm>',
      ),
    );
    expect(c.txs[0]).toMatchObject({ adviceText: 'A & B <C> "d"', creditorName: 'Søren & Co' });
  });

  it('keeps memory bounded: a large bundle is read chunk by chunk with the sink applying backpressure', async () => {
    const many = writePain001(
      aBundle(Array.from({ length: 20_000 }, (_, i) => aTransaction({ endToEndId: `E${i}` }))),
    );
    let seen = 0;
    let maxBuffered = 0;
    let buffered = 0;
    const result = await readPain001(chunks(many, 64 * 1024), {
      onHeader: () => undefined,
      onPaymentInfo: () => undefined,
      onTransaction: () => {
        buffered++;
        seen++;
      },
      afterChunk: async () => {
        maxBuffered = Math.max(maxBuffered, buffered);
        buffered = 0;
      },
    });
    expect(result.transactions).toBe(20_000);
    expect(seen).toBe(20_000);
    expect(maxBuffered).toBeLessThan(400); // one 64 KiB chunk holds a few hundred payments at most
  });

  it.each([
    [
      'a DOCTYPE',
      `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x "y">]>${valid.slice(valid.indexOf('<Document'))}`,
      /DOCTYPE or markup declaration is not allowed/,
    ],
    [
      'an external entity',
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document>&xxe;</Document>`,
      /DOCTYPE or markup declaration is not allowed/,
    ],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`,
      /DOCTYPE or markup declaration is not allowed/,
    ],
    [
      'a parameter entity',
      `<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]><Document/>`,
      /DOCTYPE or markup declaration is not allowed/,
    ],
    ['an undeclared entity', valid.replace('Søren Ærø', '&nbsp;'), /malformed XML/],
    ['malformed XML', valid.replace('</MsgId>', '</MsgID>'), /malformed XML/],
    ['a truncated document', valid.slice(0, valid.length - 40), /malformed XML/],
    [
      'the wrong namespace',
      valid.replace('pain.001.001.09', 'pain.001.001.03'),
      /namespace must be urn:iso:std:iso:20022:tech:xsd:pain.001.001.09/,
    ],
    ['the wrong root', valid.replace(/Document/g, 'Doc'), /root element must be Document/],
    [
      'a non-UTF-8 declared encoding',
      valid.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
      /encoding must be UTF-8/,
    ],
    [
      'an unknown element',
      valid.replace('<Purp>', '<Foo>x</Foo><Purp>'),
      /unexpected element Foo in Document\/CstmrCdtTrfInitn\/PmtInf\/CdtTrfTxInf/,
    ],
    [
      'a missing EndToEndId',
      valid.replace('<EndToEndId>UDK-2026-000002</EndToEndId>', ''),
      /payment 2: PmtId\/EndToEndId is missing/,
    ],
    [
      'a missing header',
      valid.replace(/<GrpHdr>.*<\/GrpHdr>/, ''),
      /GrpHdr must come before the payments|GrpHdr is missing/,
    ],
    ['no payments', writePain001(aBundle([])), /no CdtTrfTxInf/],
    [
      'a processing instruction',
      valid.replace('<CstmrCdtTrfInitn>', '<?evil x?><CstmrCdtTrfInitn>'),
      /processing instructions/,
    ],
    ['an empty document', '', /malformed XML|GrpHdr is missing/],
  ])('refuses %s with answer 0 and a reason', async (_label, text, reason) => {
    expect(await refusal(text)).toMatch(reason);
  });

  const ignoring = {
    onHeader: () => undefined,
    onPaymentInfo: () => undefined,
    onTransaction: () => undefined,
  };

  it('refuses a DOCTYPE split across two chunks before the parser sees it', async () => {
    const chunks = ['<?xml version="1.0"?><', '!DOCTYPE d [<!ENTITY a "b">]><Document/>'];
    async function* split(): AsyncIterable<string> {
      yield* chunks;
    }
    const err = await readPain001(split(), ignoring).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DOCTYPE_NOT_ALLOWED' });
  });

  it('refuses a huge text node after the run limit, without reading the rest of the stream', async () => {
    let pulled = 0;
    async function* endless(): AsyncIterable<string> {
      yield valid.slice(0, valid.indexOf('<Ustrd>') + '<Ustrd>'.length);
      for (;;) {
        pulled++;
        yield 'x'.repeat(4096);
      }
    }
    const err = await readPain001(endless(), ignoring).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEXT_TOO_LONG', reason: 'more than 16384 characters without markup' });
    expect(pulled).toBe(5);
  });

  it('refuses invalid UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from(valid.slice(0, 200)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(valid.slice(200)),
    ]);
    expect(await refusal(bytes)).toMatch(/not valid UTF-8/);
  });

  it('refuses deep nesting, huge text nodes and oversized streams early', async () => {
    const deep = valid.replace('<Purp>', `${'<Purp>'.repeat(30)}`);
    expect(await refusal(deep)).toMatch(/nested deeper than 16|unexpected element/);
    const huge = valid.replace('Børne- og ungeydelse 1. kvartal', 'x'.repeat(5000));
    expect(await refusal(huge)).toMatch(/longer than 1024 characters/);
    expect(await refusal(valid, { ...DEFAULT_PAIN001_LIMITS, maxBytes: 1000 })).toMatch(
      /larger than 1000 bytes/,
    );
    expect(await refusal(valid, { ...DEFAULT_PAIN001_LIMITS, maxTransactions: 2 })).toMatch(
      /more than 2 payments/,
    );
  });
});
