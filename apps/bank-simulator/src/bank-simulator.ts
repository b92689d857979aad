import { BanstaItem, readEdifact, writeBansta, writeContrl } from '@nemkonto/bank-dispatch-edifact';
import { PartnerExchanges, bankOrdersQueue } from '@nemkonto/contracts';
import { ChannelModel, ConfirmChannel, ConsumeMessage, connect } from 'amqplib';
import { createHash } from 'node:crypto';

export interface BankSimulatorOptions {
  readonly amqpUrl: string;
  readonly bankId: string;
  // Our EDIFACT id as the bank; NemKonto's is the recipient of our answers.
  readonly edifactId: string;
  // Share of payments rejected in BANSTA (0–1), chosen by a hash of the payment reference so a
  // replay rejects the same payments.
  readonly rejectShare: number;
  readonly rejectCode: 'ACCOUNT_CLOSED' | 'ACCOUNT_UNKNOWN' | 'INSUFFICIENT_FUNDS';
  readonly log?: (line: string) => void;
  // Reconnect after the broker or the network went away (chaos runs), instead of stopping.
  readonly reconnect?: boolean;
}

export interface BankSimulatorStats {
  interchanges: number;
  invalid: number;
  payments: number;
  executed: number;
  rejected: number;
  totalOre: number;
}

interface Credit {
  readonly ref: string;
  readonly amountOre: number;
}

const REASONS: Record<BankSimulatorOptions['rejectCode'], string> = {
  ACCOUNT_CLOSED: 'Kontoen er ophævet / account closed',
  ACCOUNT_UNKNOWN: 'Kontoen findes ikke / account unknown',
  INSUFFICIENT_FUNDS: 'Manglende dækning / insufficient funds',
};

// A bank's adapter: reads each PAYMUL interchange from its orders queue, checks it (syntax, segment
// counts, CNT and MOA totals), answers CONTRL (7 accepted or
// 4 rejected) and then BANSTA per payment (GIS 4 executed or 2 rejected with a reason), publishing
// as its own broker user.
export class BankSimulator {
  readonly stats: BankSimulatorStats = {
    interchanges: 0,
    invalid: 0,
    payments: 0,
    executed: 0,
    rejected: 0,
    totalOre: 0,
  };
  private conn?: ChannelModel;
  private channel?: ConfirmChannel;
  private answerSeq = 0;
  private readonly seen = new Set<string>();
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly options: BankSimulatorOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    const conn = await connect(this.options.amqpUrl, { timeout: 10_000 });
    conn.on('error', () => undefined);
    try {
      const channel = await conn.createConfirmChannel();
      channel.on('error', () => undefined);
      // A channel closed by the broker (its queue failing over) takes the connection with it, so
      // there is one way back: reconnecting.
      channel.on('close', () => void conn.close().catch(() => undefined));
      await channel.prefetch(10);
      await channel.consume(bankOrdersQueue(this.options.bankId), (msg) => void this.onOrder(channel, msg));
      this.channel = channel;
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
    this.conn = conn;
    if (this.options.reconnect)
      conn.on('close', () => {
        if (this.conn === conn) this.reconnectLater();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.channel?.close().catch(() => undefined);
    await this.conn?.close().catch(() => undefined);
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.channel = undefined;
    this.retry = setTimeout(() => {
      this.start().catch((err: unknown) => {
        this.options.log?.(`bank ${this.options.bankId}: reconnect failed: ${(err as Error).message}`);
        this.reconnectLater();
      });
    }, 1000);
  }

  private async onOrder(channel: ConfirmChannel, msg: ConsumeMessage | null): Promise<void> {
    if (!msg) {
      // Cancelled by the broker (the queue went away or failed over): start over.
      await this.conn?.close().catch(() => undefined);
      return;
    }
    try {
      await this.answerOrder(channel, msg);
    } catch (err) {
      // The channel went away before the answers were confirmed: the broker redelivers the
      // order, and it is answered again (the bank's answers are at least once too).
      this.options.log?.(`bank ${this.options.bankId}: answering failed: ${(err as Error).message}`);
    }
  }

  private async answerOrder(channel: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const text = msg.content.toString('latin1');
    const controlRef = String(msg.properties.messageId ?? '');
    // A re-sent interchange (same control reference) is a duplicate: acknowledged, not executed twice.
    if (this.seen.has(controlRef)) {
      channel.ack(msg);
      return;
    }
    const checked = this.check(text);
    const user = new URL(this.options.amqpUrl).username || 'guest';
    const answered = {
      interchangeRef: controlRef,
      senderId: 'NEMKONTO',
      recipientId: this.options.edifactId,
    };
    const contrl = writeContrl(
      this.envelope(),
      answered,
      checked.ok ? 'ACCEPTED' : 'REJECTED',
      checked.ok ? undefined : '16',
    );
    await this.publish(channel, contrl, user, 'CONTRL');
    if (!checked.ok) {
      this.stats.interchanges++;
      this.stats.invalid++;
      this.options.log?.(
        `bank ${this.options.bankId}: interchange ${controlRef} rejected: ${checked.reason}`,
      );
    } else {
      const items: BanstaItem[] = checked.credits.map((c) => {
        const reject = this.rejects(c.ref);
        return {
          debitRef: checked.debitRef,
          paymentRef: c.ref,
          status: reject ? 'REJECTED' : 'EXECUTED',
          reasonCode: reject ? this.options.rejectCode : null,
          reasonText: reject ? REASONS[this.options.rejectCode] : null,
        };
      });
      await this.publish(channel, writeBansta(this.envelope(), controlRef, items), user, 'BANSTA');
      // Counted once it is answered: an order redelivered before that is answered again, not
      // counted twice.
      this.seen.add(controlRef);
      this.stats.interchanges++;
      for (const c of checked.credits) {
        this.stats.payments++;
        this.stats.totalOre += c.amountOre;
        if (this.rejects(c.ref)) this.stats.rejected++;
        else this.stats.executed++;
      }
    }
    channel.ack(msg);
  }

  private rejects(ref: string): boolean {
    const h = createHash('sha256').update(ref).digest().readUInt32BE(0);
    return h / 0x1_0000_0000 < this.options.rejectShare;
  }

  private envelope(): { controlRef: string; senderId: string; recipientId: string; preparedAt: Date } {
    this.answerSeq++;
    return {
      controlRef:
        `${this.options.bankId.slice(0, 4).toUpperCase()}${Date.now().toString().slice(-6)}${String(this.answerSeq).padStart(4, '0')}`.slice(
          0,
          14,
        ),
      senderId: this.options.edifactId,
      recipientId: 'NEMKONTO',
      preparedAt: new Date(),
    };
  }

  private async publish(channel: ConfirmChannel, text: string, userId: string, type: string): Promise<void> {
    const ref = /UNB\+[^']*?\+[^']*?\+[^']*?\+[^']*?\+([^+']+)/.exec(text)?.[1] ?? String(Date.now());
    channel.publish(PartnerExchanges.bankAnswers, this.options.bankId, Buffer.from(text, 'latin1'), {
      persistent: true,
      messageId: ref,
      userId,
      type,
      contentType: 'application/EDIFACT; charset=iso-8859-1',
    });
    await channel.waitForConfirms();
  }

  // Checks an interchange the way a bank would before accepting it.
  private check(
    text: string,
  ): { ok: true; debitRef: string; credits: Credit[] } | { ok: false; reason: string } {
    try {
      const ours = readEdifact(text);
      if (ours[0]?.tag !== 'UNB' || ours.at(-1)?.tag !== 'UNZ')
        return { ok: false, reason: 'not a UNB…UNZ interchange' };
      const unhAt = ours.findIndex((s) => s.tag === 'UNH');
      const untAt = ours.findIndex((s) => s.tag === 'UNT');
      if (Number(ours[untAt]?.elements[0]?.[0]) !== untAt - unhAt + 1)
        return { ok: false, reason: 'UNT segment count is wrong' };
      const credits: Credit[] = [];
      let debitSum = 0;
      let debitRef = '';
      let inCredit = false;
      for (const s of ours) {
        if (s.tag === 'SEQ') inCredit = true;
        if (s.tag === 'RFF' && s.elements[0]?.[0] === 'AEK') debitRef = s.elements[0]?.[1] ?? '';
        if (s.tag === 'MOA') {
          const ore = Math.round(Number((s.elements[0]?.[1] ?? '').replace(',', '.')) * 100);
          if (inCredit) credits.push({ ref: '', amountOre: ore });
          else debitSum += ore;
        }
        if (s.tag === 'RFF' && s.elements[0]?.[0] === 'CR') {
          const last = credits.at(-1);
          if (last) credits[credits.length - 1] = { ...last, ref: s.elements[0]?.[1] ?? '' };
        }
      }
      const cnt = ours.find((s) => s.tag === 'CNT');
      if (Number(cnt?.elements[0]?.[1]) !== credits.length)
        return { ok: false, reason: 'CNT does not match the credits' };
      const sum = credits.reduce((t, c) => t + c.amountOre, 0);
      if (sum !== debitSum)
        return { ok: false, reason: `debit MOA ${debitSum} differs from the credits' sum ${sum}` };
      if (credits.some((c) => c.ref === '')) return { ok: false, reason: 'a credit has no RFF+CR' };
      return { ok: true, debitRef, credits };
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
  }
}
