import {
  PaymentsBankStatusV1,
  PaymentsCompletedV1,
  PaymentsDispatchedV1,
  PaymentsStopResultV1,
} from '@nemkonto/contracts';
import {
  MessageContext,
  OnMessage,
  OnPartnerDocument,
  PartnerDocument,
  PermanentMessageError,
} from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AnswerIssuer } from '../answers/answer-issuer';
import { StopPaymentsUseCase } from '../usecases/stop-payments/stop-payments.usecase';
import { RecordOutcomesUseCase } from '../usecases/record-outcomes/record-outcomes.usecase';
import { ReceiveBundleCommand } from '../usecases/receive-bundle/receive-bundle.command';
import { bundleAnswers } from '../usecases/receive-bundle/bundle-answers';
import { ReceiveBundleUseCase } from '../usecases/receive-bundle/receive-bundle.usecase';

// The delivery body is read in slices (views, not copies) so the reader decodes and parses it a
// slice at a time and flushes its payments between slices: a bundle of 50,000 payments is never
// held decoded and parsed whole next to its body.
const SLICE_BYTES = 256 * 1024;
async function* slices(body: Buffer): AsyncIterable<Uint8Array> {
  for (let at = 0; at < body.length; at += SLICE_BYTES) yield body.subarray(at, at + SLICE_BYTES);
}

// camt.055 is recognised by its AMQP type or, failing that, its namespace near the start.
function isStopRequest(doc: PartnerDocument): boolean {
  if (doc.type !== null && doc.type.startsWith('camt.055')) return true;
  return doc.type === null && doc.body.subarray(0, 2048).toString('latin1').includes('camt.055.001');
}

@Controller()
export class IntakeHandlers {
  private readonly logger = new Logger(IntakeHandlers.name);

  constructor(
    private readonly receiveBundle: ReceiveBundleUseCase,
    private readonly stopPayments: StopPaymentsUseCase,
    private readonly answers: AnswerIssuer,
    private readonly outcomes: RecordOutcomesUseCase,
    private readonly clock: Clock,
  ) {}

  // Bundles and stop requests from authorities' systems. The sender is the broker-validated
  // user-id; a document without one, or from a user no authority is registered with, is
  // dead-lettered (there is no one to answer).
  @OnPartnerDocument('authority-documents')
  async onAuthorityDocument(@Payload() doc: PartnerDocument, @Ctx() ctx: MessageContext): Promise<void> {
    const m = ctx.manager;
    const [authority] = (await m.query('SELECT authority_id FROM authorities WHERE broker_user = $1', [
      doc.userId,
    ])) as { authority_id: string }[];
    if (!authority) {
      this.logger.warn({ documentId: doc.documentId, userId: doc.userId }, 'document from an unknown sender');
      throw new PermanentMessageError(
        doc.userId === null
          ? 'the message has no user-id property: the sender cannot be identified'
          : `no authority is registered for broker user ${doc.userId}`,
      );
    }
    const authorityId = authority.authority_id;
    if (isStopRequest(doc)) {
      await this.stopPayments.executeIn(m, authorityId, doc.body, ctx);
      return;
    }
    const result = await this.receiveBundle.executeIn(
      m,
      new ReceiveBundleCommand(authorityId, slices(doc.body)),
    );
    const bundleKey = result.answer === 1 && result.status === 'RECEIVED' ? result.bundleKey : null;
    await this.answers.issue(m, authorityId, bundleAnswers(authorityId, result, this.clock.now()), bundleKey);
  }

  @OnMessage('payments.completed')
  async onCompleted(@Payload() msg: PaymentsCompletedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.outcomes.completed(ctx.manager, msg, ctx.envelope.messageId, this.clock.now());
  }

  @OnMessage('payments.dispatched')
  async onDispatched(@Payload() msg: PaymentsDispatchedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.outcomes.dispatched(ctx.manager, msg);
  }

  @OnMessage('payments.bank-status')
  async onBankStatus(@Payload() msg: PaymentsBankStatusV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.outcomes.bankStatus(ctx.manager, msg, ctx.envelope.messageId, this.clock.now());
  }

  @OnMessage('payments.stop-result')
  async onStopResult(@Payload() msg: PaymentsStopResultV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.outcomes.stopResult(ctx.manager, msg, ctx.envelope.messageId, this.clock.now());
  }
}
