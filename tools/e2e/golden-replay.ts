// Replays a recorded stream against a fresh system and returns its outputs, normalised: the
// stream (tools/e2e/golden/<scenario>/scenario.json) holds register changes, documents from the
// authority (pain.001, camt.055) and answers from the bank (CONTRL, BANSTA), each step with the
// number of outputs to wait for. The outputs are every pain.002 on the authority's answers queue
// and every PAYMUL on the bank's orders queue, with generated ids and times of day replaced by
// placeholders and sorted, so a golden file compares what was decided, not when or under which id.
import {
  PartnerDocumentTypes,
  PartnerExchanges,
  authorityAnswersQueue,
  bankOrdersQueue,
} from '@nemkonto/contracts';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_AUTHORITY, FLOW_BANK, FlowInfra, FlowOptions, FlowSystem, RegisterEntry } from './flow-system';

export interface Scenario {
  readonly description: string;
  // The services' clock starts here (NK_CLOCK_START), so dates in the outputs are the recording's.
  readonly clock: string;
  readonly noAccountPolicy: NonNullable<FlowOptions['noAccountPolicy']>;
  readonly bankOrderFormat?: FlowOptions['bankOrderFormat'];
  readonly steps: readonly Step[];
}

interface Then {
  // At least this many pain.002 answers and PAYMUL orders received so far.
  readonly answers?: number;
  readonly orders?: number;
  // At least this many payments taken into bank-dispatch's schedule (e.g. before a stop).
  readonly dispatchPayments?: number;
}

type Step =
  | { readonly register: readonly RegisterEntry[]; readonly then?: Then }
  | { readonly authority: string; readonly then?: Then }
  | { readonly bank: string; readonly then?: Then };

export interface ReplayOutput {
  readonly answers: string[];
  readonly orders: string[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// Generated ids and times of day out; dates stay (the clock is the recording's).
export function normalise(text: string): string {
  return text
    .replace(UUID, '{uuid}')
    .replace(/\b[0-9a-f]{32}\b/g, '{payment-ref}')
    .replace(/NK\d{12}/g, '{control-ref}')
    .replace(/<MsgId>(NK\d)-[0-9a-f]+<\/MsgId>/g, '<MsgId>$1-{answer-id}</MsgId>')
    .replace(/(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/g, '$1T{time}')
    .replace(/(UNB\+[^']*?\+\d{6}:)\d{4}/g, '$1{hhmm}');
}

// One element or segment per line, so a golden file's diff points at what changed. A segment
// ends at an apostrophe that is not released by '?' (UNA's own service characters excepted).
function pretty(text: string, kind: 'xml' | 'edifact'): string {
  if (kind === 'xml') return text.replace(/></g, '>\n<');
  const lines: string[] = [];
  let start = text.startsWith('UNA') ? 9 : 0;
  if (start > 0) lines.push(text.slice(0, start));
  for (let i = start; i < text.length; i++) {
    if (text[i] === '?') i++;
    else if (text[i] === "'") {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines.join('\n');
}

export function goldenText(scenario: Scenario, out: ReplayOutput): string {
  const section = (title: string, docs: string[]): string[] =>
    docs
      .map((d) => pretty(normalise(d), d.startsWith('<') ? 'xml' : 'edifact'))
      .sort()
      .map((d, i) => `=== ${title} ${i + 1} of ${docs.length}\n${d}\n`);
  return [
    `# ${scenario.description}\n`,
    ...section('order to the bank', out.orders),
    ...section('pain.002 to the authority', out.answers),
  ].join('\n');
}

export async function replay(
  dir: string,
  infra: FlowInfra,
): Promise<{ scenario: Scenario; out: ReplayOutput }> {
  const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as Scenario;
  const flow = new FlowSystem(infra, {
    noAccountPolicy: scenario.noAccountPolicy,
    bankOrderFormat: scenario.bankOrderFormat,
    env: { NK_CLOCK_START: scenario.clock },
  });
  const out: ReplayOutput = { answers: [], orders: [] };
  let conn: ChannelModel | undefined;
  try {
    await flow.prepare();
    await flow.start();
    conn = await connect(infra.amqpUrl);
    const tap = await conn.createChannel();
    // The services declare the partners' queues; the replayer reads them as the partners would.
    await tap.consume(authorityAnswersQueue(FLOW_AUTHORITY.id), (m) => {
      if (m) out.answers.push(m.content.toString('utf8'));
      if (m) tap.ack(m);
    });
    await tap.consume(bankOrdersQueue(FLOW_BANK.id), (m) => {
      // PAYMUL is ISO 8859-1, pain.001 UTF-8.
      if (m) out.orders.push(m.content.toString(m.properties.type === 'PAYMUL' ? 'latin1' : 'utf8'));
      if (m) tap.ack(m);
    });
    const ch = await conn.createConfirmChannel();
    for (const [i, step] of scenario.steps.entries()) {
      if ('register' in step) await flow.publishRegister(step.register);
      else if ('authority' in step)
        await sendAuthorityDocument(ch, flow, readFileSync(join(dir, step.authority)));
      else await sendBankAnswers(ch, flow, out, step.bank, readFileSync(join(dir, step.bank)));
      await waitFor(flow, out, step.then ?? {}, `step ${i + 1}`);
    }
    await waitQuiet(flow);
    return { scenario, out };
  } finally {
    await conn?.close().catch(() => undefined);
    await flow.dispose();
  }
}

async function sendAuthorityDocument(ch: ConfirmChannel, flow: FlowSystem, body: Buffer): Promise<void> {
  const text = body.subarray(0, 300).toString('utf8');
  ch.publish(PartnerExchanges.authorityDocuments, FLOW_AUTHORITY.id, body, {
    persistent: true,
    messageId: /<(?:MsgId|Id)>([^<]+)</.exec(body.toString('utf8'))?.[1],
    userId: flow.brokerUser,
    type: text.includes('camt.055') ? PartnerDocumentTypes.camt055 : PartnerDocumentTypes.pain001,
    contentType: 'application/xml; charset=utf-8',
  });
  await ch.waitForConfirms();
}

// The recorded answers name what the bank saw: @IC<n>@ is the n-th order's control reference
// (UNB or GrpHdr/MsgId), @AEK<n>@ its debit reference (RFF+AEK or PmtInfId), @CR_<EndToEndId>@
// that payment's reference. An .edi file holds one EDIFACT interchange per line (ISO 8859-1), an
// .xml file one pain.002 per line (UTF-8).
async function sendBankAnswers(
  ch: ConfirmChannel,
  flow: FlowSystem,
  out: ReplayOutput,
  file: string,
  recorded: Buffer,
): Promise<void> {
  const xml = file.endsWith('.xml');
  const dispatch = await flow.db('bank-dispatch');
  const refs = new Map(
    (
      (await dispatch.query('SELECT end_to_end_id, payment_ref FROM dispatch_payments')) as {
        end_to_end_id: string;
        payment_ref: string;
      }[]
    ).map((r) => [r.end_to_end_id, r.payment_ref]),
  );
  const field = (n: number, edifact: RegExp, xmlField: RegExp): string => {
    const order = out.orders[n - 1] ?? '';
    return (order.startsWith('<') ? xmlField : edifact).exec(order)?.[1] ?? '?';
  };
  const lines = recorded.toString(xml ? 'utf8' : 'latin1').split('\n');
  for (const line of lines.filter((l) => l.trim() !== '')) {
    const text = line
      .replace(/@IC(\d+)@/g, (_, n: string) =>
        field(Number(n), /UNB\+(?:[^+']*\+){4}([^+']+)/, /<MsgId>([^<]+)<\/MsgId>/),
      )
      .replace(/@AEK(\d+)@/g, (_, n: string) =>
        field(Number(n), /RFF\+AEK:([^']+)'/, /<PmtInfId>([^<]+)<\/PmtInfId>/),
      )
      .replace(/@CR_([^@]+)@/g, (_, e2e: string) => refs.get(e2e) ?? `unknown ${e2e}`);
    const answerRef = xml
      ? /<MsgId>([^<]+)<\/MsgId>/.exec(text)?.[1]
      : /UNB\+(?:[^+']*\+){4}([^+']+)/.exec(text)?.[1];
    ch.publish(PartnerExchanges.bankAnswers, FLOW_BANK.id, Buffer.from(text, xml ? 'utf8' : 'latin1'), {
      persistent: true,
      messageId: answerRef,
      userId: flow.brokerUser,
      type: xml ? PartnerDocumentTypes.pain002 : text.includes('CONTRL') ? 'CONTRL' : 'BANSTA',
      contentType: xml ? 'application/xml; charset=utf-8' : 'application/edifact; charset=iso-8859-1',
    });
    await ch.waitForConfirms();
  }
}

async function waitFor(flow: FlowSystem, out: ReplayOutput, then: Then, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  const scheduled = async (): Promise<number> => {
    if (!then.dispatchPayments) return 0;
    const [row] = (await (
      await flow.db('bank-dispatch')
    ).query('SELECT count(*)::int AS n FROM dispatch_payments')) as { n: number }[];
    return row?.n ?? 0;
  };
  while (
    out.answers.length < (then.answers ?? 0) ||
    out.orders.length < (then.orders ?? 0) ||
    (await scheduled()) < (then.dispatchPayments ?? 0)
  ) {
    if (Date.now() > deadline)
      throw new Error(
        `${what}: waited for ${JSON.stringify(then)}, have ${out.answers.length} answers and ${out.orders.length} orders`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitQuiet(flow: FlowSystem): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await flow.quiet())) {
    if (Date.now() > deadline) throw new Error('the system did not become quiet within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
