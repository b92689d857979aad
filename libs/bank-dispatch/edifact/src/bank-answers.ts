import { EdifactSyntaxError, ParsedSegment, readEdifact } from './edifact-reader';
import { Segment, UNA, segment, serializeSegment } from './syntax';

// What a bank answers to our payment orders (formats.md §1.8): CONTRL accepts or rejects a whole
// interchange; BANSTA reports per payment, GIS 2 = rejected (final), 3 = information, 4 = executed
// (final), with the reason in FTX as `<code>:<text>`. The references are ours, echoed: UCI 0020 =
// our UNB control reference; in BANSTA, RFF+ACW = our interchange, then per payment LIN, RFF+AEK
// (our debit line) and RFF+CR (our payment reference).
export type ContrlAction = 'ACCEPTED' | 'REJECTED' | 'RECEIVED';
export type BanstaStatus = 'REJECTED' | 'INFORMATION' | 'EXECUTED';

export interface ContrlAnswer {
  readonly kind: 'CONTRL';
  // The answer's own UNB control reference.
  readonly answerRef: string;
  readonly interchangeRef: string;
  readonly action: ContrlAction;
  readonly errorCode: string | null;
}

export interface BanstaItem {
  readonly debitRef: string;
  readonly paymentRef: string;
  readonly status: BanstaStatus;
  readonly reasonCode: string | null;
  readonly reasonText: string | null;
}

export interface BanstaAnswer {
  readonly kind: 'BANSTA';
  readonly answerRef: string;
  readonly interchangeRef: string;
  readonly items: readonly BanstaItem[];
}

export type BankAnswer = ContrlAnswer | BanstaAnswer;

export class BankAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankAnswerError';
  }
}

const CONTRL_ACTIONS: Record<string, ContrlAction> = { '4': 'REJECTED', '7': 'ACCEPTED', '8': 'RECEIVED' };
const GIS: Record<string, BanstaStatus> = { '2': 'REJECTED', '3': 'INFORMATION', '4': 'EXECUTED' };
const MAX_ITEMS = 100_000;

const el = (s: ParsedSegment, i: number, j = 0): string => s.elements[i]?.[j] ?? '';

// Reads a CONTRL or BANSTA interchange; anything else, or a structure we cannot follow, is a
// BankAnswerError with the reason (never a crash).
export function readBankAnswer(input: string): BankAnswer {
  let segments: ParsedSegment[];
  try {
    segments = readEdifact(input);
  } catch (err) {
    if (err instanceof EdifactSyntaxError) throw new BankAnswerError(`not readable EDIFACT: ${err.message}`);
    throw err;
  }
  const unb = segments[0];
  if (unb?.tag !== 'UNB') throw new BankAnswerError('the interchange does not start with UNB');
  if (segments.at(-1)?.tag !== 'UNZ') throw new BankAnswerError('the interchange does not end with UNZ');
  const answerRef = el(unb, 4);
  if (!answerRef || answerRef.length > 14) throw new BankAnswerError('UNB has no valid control reference');
  if (el(segments.at(-1) as ParsedSegment, 1) !== answerRef)
    throw new BankAnswerError('UNZ does not repeat the UNB control reference');
  const unh = segments[1];
  if (unh?.tag !== 'UNH') throw new BankAnswerError('no UNH after UNB');
  const type = el(unh, 1, 0);
  const unt = segments.at(-2);
  if (unt?.tag !== 'UNT') throw new BankAnswerError('no UNT before UNZ');
  if (Number(el(unt, 0)) !== segments.length - 2)
    throw new BankAnswerError(`UNT counts ${el(unt, 0)} segments, the message has ${segments.length - 2}`);
  const body = segments.slice(2, -2);
  if (type === 'CONTRL') {
    const uci = body.find((s) => s.tag === 'UCI');
    if (!uci) throw new BankAnswerError('CONTRL without UCI');
    const action = CONTRL_ACTIONS[el(uci, 3)];
    if (!action) throw new BankAnswerError(`CONTRL action ${JSON.stringify(el(uci, 3))} is not 4, 7 or 8`);
    const interchangeRef = el(uci, 0);
    if (!interchangeRef) throw new BankAnswerError('UCI names no interchange');
    return { kind: 'CONTRL', answerRef, interchangeRef, action, errorCode: el(uci, 4) || null };
  }
  if (type === 'BANSTA') return readBansta(answerRef, body);
  throw new BankAnswerError(`message type ${JSON.stringify(type)} is not CONTRL or BANSTA`);
}

function readBansta(answerRef: string, body: readonly ParsedSegment[]): BanstaAnswer {
  const acw = body.find((s) => s.tag === 'RFF' && el(s, 0, 0) === 'ACW');
  if (!acw || !el(acw, 0, 1))
    throw new BankAnswerError('BANSTA without RFF+ACW (the interchange it answers)');
  const items: BanstaItem[] = [];
  let current: {
    debitRef: string;
    paymentRef: string;
    status?: BanstaStatus;
    code: string | null;
    text: string | null;
  } | null = null;
  const finish = (): void => {
    if (!current) return;
    if (!current.paymentRef) throw new BankAnswerError(`LIN ${items.length + 1} has no RFF+CR`);
    if (!current.status) throw new BankAnswerError(`LIN ${items.length + 1} has no GIS status`);
    items.push({
      debitRef: current.debitRef,
      paymentRef: current.paymentRef,
      status: current.status,
      reasonCode: current.code,
      reasonText: current.text,
    });
    if (items.length > MAX_ITEMS) throw new BankAnswerError(`more than ${MAX_ITEMS} payments in one BANSTA`);
  };
  for (const s of body) {
    if (s.tag === 'LIN') {
      finish();
      current = { debitRef: '', paymentRef: '', code: null, text: null };
    } else if (current && s.tag === 'RFF' && el(s, 0, 0) === 'AEK') {
      current.debitRef = el(s, 0, 1);
    } else if (current && s.tag === 'RFF' && el(s, 0, 0) === 'CR') {
      current.paymentRef = el(s, 0, 1);
    } else if (current && s.tag === 'GIS') {
      const status = GIS[el(s, 0)];
      if (!status) throw new BankAnswerError(`GIS ${JSON.stringify(el(s, 0))} is not 2, 3 or 4`);
      current.status = status;
    } else if (current && s.tag === 'FTX') {
      current.code = el(s, 3, 0) || null;
      current.text = el(s, 3, 1) || null;
    }
  }
  finish();
  if (items.length === 0) throw new BankAnswerError('BANSTA reports no payment');
  return { kind: 'BANSTA', answerRef, interchangeRef: el(acw, 0, 1), items };
}

interface Envelope {
  readonly controlRef: string;
  readonly senderId: string;
  readonly recipientId: string;
  readonly preparedAt: Date;
}

function interchange(env: Envelope, type: string, body: Segment[]): string {
  const at = env.preparedAt.toISOString();
  const message = [segment('UNH', '1', [type, 'D', '96A', 'UN']), ...body];
  message.push(segment('UNT', String(message.length + 1), '1'));
  const unb = segment(
    'UNB',
    ['UNOC', '3'],
    [env.senderId, 'ZZ'],
    [env.recipientId, 'ZZ'],
    [at.slice(2, 4) + at.slice(5, 7) + at.slice(8, 10), at.slice(11, 13) + at.slice(14, 16)],
    env.controlRef,
  );
  return UNA + [unb, ...message, segment('UNZ', '1', env.controlRef)].map(serializeSegment).join('');
}

const ACTION_CODES: Record<ContrlAction, string> = { REJECTED: '4', ACCEPTED: '7', RECEIVED: '8' };
const GIS_CODES: Record<BanstaStatus, string> = { REJECTED: '2', INFORMATION: '3', EXECUTED: '4' };

// Writers for the bank side (the bank simulator and tests).
export function writeContrl(
  env: Envelope,
  answered: { interchangeRef: string; senderId: string; recipientId: string },
  action: ContrlAction,
  errorCode?: string,
): string {
  return interchange(env, 'CONTRL', [
    segment(
      'UCI',
      answered.interchangeRef,
      [answered.senderId, 'ZZ'],
      [answered.recipientId, 'ZZ'],
      ACTION_CODES[action],
      errorCode ?? '',
    ),
  ]);
}

export function writeBansta(env: Envelope, interchangeRef: string, items: readonly BanstaItem[]): string {
  const body: Segment[] = [
    segment('BGM', '28', env.controlRef, '9'),
    segment('DTM', ['137', env.preparedAt.toISOString().slice(0, 10).replace(/-/g, ''), '102']),
    segment('RFF', ['ACW', interchangeRef]),
  ];
  items.forEach((item, i) => {
    body.push(
      segment('LIN', String(i + 1)),
      segment('RFF', ['AEK', item.debitRef]),
      segment('RFF', ['CR', item.paymentRef]),
      segment('SEQ', '', String(i + 1)),
      segment('GIS', GIS_CODES[item.status]),
    );
    if (item.reasonCode)
      body.push(segment('FTX', 'AAO', '', '', [item.reasonCode, (item.reasonText ?? '').slice(0, 70)]));
  });
  return interchange(env, 'BANSTA', body);
}
