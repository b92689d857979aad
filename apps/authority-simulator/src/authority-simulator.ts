import { PartnerDocumentTypes, PartnerExchanges, authorityAnswersQueue } from '@nemkonto/contracts';
import { Pain001TransactionInput, writeCamt055, writePain001 } from '@nemkonto/payment-intake-pain001';
import { ReadAnswer, readPain002 } from '@nemkonto/payment-intake-pain002';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';

export interface Recipient {
  readonly scheme: 'CPR' | 'CVR' | 'SE' | 'P';
  readonly id: string;
}

export interface AuthoritySimulatorOptions {
  readonly amqpUrl: string;
  readonly authorityId: string;
  readonly authorityName: string;
  // reg.nr (4) + account (10) of the authority's debit account.
  readonly debitAccount: string;
  readonly log?: (line: string) => void;
}

export interface BundleSpec {
  readonly msgId: string;
  readonly payments: number;
  readonly recipients: readonly Recipient[];
  // Share of payments made invalid on purpose (bad CPR, 3 decimals, zero amount): answer 2.
  readonly errorShare: number;
  // Share sent complete (with the account): they bypass the register.
  readonly completeShare: number;
  readonly requestedExecutionDate: string;
  readonly benefitType?: string;
}

// Final answer per payment: 2 (refused at reception), 5, 7, 8 or 9.
const FINAL_CODES = new Set([2, 5, 7, 8, 9]);

// An authority's payment system: builds realistic bundles, publishes them (and stop requests) as
// its own broker user, and collects every answer from its answers queue.
export class AuthoritySimulator {
  readonly answers: ReadAnswer[] = [];
  // EndToEndId → the answer codes it got, in order.
  readonly byPayment = new Map<string, number[]>();
  private conn?: ChannelModel;
  private channel?: ConfirmChannel;

  constructor(private readonly options: AuthoritySimulatorOptions) {}

  async start(): Promise<void> {
    this.conn = await connect(this.options.amqpUrl);
    this.channel = await this.conn.createConfirmChannel();
    await this.channel.consume(authorityAnswersQueue(this.options.authorityId), (msg) => {
      if (!msg) return;
      const answer = readPain002(msg.content.toString('utf8'));
      this.answers.push(answer);
      for (const t of answer.transactions) {
        this.byPayment.set(t.endToEndId, [...(this.byPayment.get(t.endToEndId) ?? []), answer.code]);
      }
      this.channel?.ack(msg);
    });
  }

  async stop(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.conn?.close().catch(() => undefined);
  }

  buildBundle(spec: BundleSpec): {
    document: string;
    transactions: Pain001TransactionInput[];
    invalid: number;
  } {
    const transactions: Pain001TransactionInput[] = [];
    let invalid = 0;
    const errorEvery = spec.errorShare > 0 ? Math.round(1 / spec.errorShare) : 0;
    const completeEvery = spec.completeShare > 0 ? Math.round(1 / spec.completeShare) : 0;
    for (let i = 0; i < spec.payments; i++) {
      const recipient = spec.recipients[i % spec.recipients.length] ?? { scheme: 'CPR', id: '0101650001' };
      const bad = errorEvery > 0 && i % errorEvery === errorEvery - 1;
      const errorKind = bad ? Math.floor(i / errorEvery) % 3 : -1;
      if (bad) invalid++;
      transactions.push({
        endToEndId: `${spec.msgId}-${String(i + 1).padStart(7, '0')}`.slice(-35),
        amount:
          errorKind === 1
            ? '10.005'
            : errorKind === 2
              ? '0.00'
              : `${100 + (i % 5000)}.${String(i % 100).padStart(2, '0')}`,
        creditor: errorKind === 0 ? { scheme: 'CPR', id: '3213901234' } : recipient,
        benefitType: spec.benefitType ?? 'BOERNEYDELSE',
        adviceText: `Udbetaling ${spec.msgId.slice(-10)} nr. ${i + 1}`,
        ...(completeEvery > 0 && i % completeEvery === 0 && !bad
          ? { creditorAccount: { other: '00400440116243' } }
          : {}),
      });
    }
    const document = writePain001({
      msgId: spec.msgId,
      createdAt: new Date().toISOString().slice(0, 19),
      authorityId: this.options.authorityId,
      authorityName: this.options.authorityName,
      paymentInfos: [
        {
          pmtInfId: `${spec.msgId}-P1`.slice(-35),
          requestedExecutionDate: spec.requestedExecutionDate,
          debitAccount: this.options.debitAccount,
          transactions,
        },
      ],
    });
    return { document, transactions, invalid };
  }

  async sendBundle(msgId: string, document: string): Promise<void> {
    await this.publish(msgId, document, PartnerDocumentTypes.pain001);
  }

  async sendStop(requestId: string, bundleMsgId: string, endToEndIds: readonly string[]): Promise<void> {
    const document = writeCamt055({
      requestId,
      authorityId: this.options.authorityId,
      createdAt: new Date().toISOString().slice(0, 19),
      items: endToEndIds.map((endToEndId) => ({ originalMsgId: bundleMsgId, endToEndId })),
    });
    await this.publish(requestId, document, PartnerDocumentTypes.camt055);
  }

  // Every payment of the list has a final answer (or the time is up).
  async waitForFinalAnswers(
    endToEndIds: readonly string[],
    timeoutMs: number,
    onProgress?: (done: number) => void,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = endToEndIds.filter((id) =>
        (this.byPayment.get(id) ?? []).some((c) => FINAL_CODES.has(c)),
      ).length;
      onProgress?.(done);
      if (done === endToEndIds.length) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  // Payments per answer code (a payment answered 5-refused and then 8 counts under both).
  summary(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.answers) {
      const key = `${a.code}${a.transactions.length === 0 ? ` (${a.groupStatus})` : ''}`;
      counts[key] = (counts[key] ?? 0) + Math.max(a.transactions.length, a.transactions.length === 0 ? 1 : 0);
    }
    return counts;
  }

  private async publish(messageId: string, document: string, type: string): Promise<void> {
    const channel = this.channel;
    if (!channel) throw new Error('the simulator is not started');
    channel.publish(
      PartnerExchanges.authorityDocuments,
      this.options.authorityId,
      Buffer.from(document, 'utf8'),
      {
        persistent: true,
        messageId,
        userId: decodeURIComponent(new URL(this.options.amqpUrl).username) || 'guest',
        type,
        contentType: 'application/xml; charset=utf-8',
      },
    );
    await channel.waitForConfirms();
  }
}
