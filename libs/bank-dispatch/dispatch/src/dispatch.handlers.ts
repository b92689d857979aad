import { PaymentsCompletedV1, PaymentsStopRequestedV1 } from '@nemkonto/contracts';
import {
  MessageContext,
  OnMessage,
  OnPartnerDocument,
  PartnerDocument,
  PermanentMessageError,
} from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { HandleBankAnswerUseCase } from './usecases/handle-bank-answer.usecase';
import { SchedulePaymentsUseCase } from './usecases/schedule-payments.usecase';

@Controller()
export class DispatchHandlers {
  constructor(
    private readonly schedule: SchedulePaymentsUseCase,
    private readonly bankAnswers: HandleBankAnswerUseCase,
    private readonly clock: Clock,
  ) {}

  @OnMessage('payments.completed')
  async onCompleted(@Payload() chunk: PaymentsCompletedV1, @Ctx() ctx: MessageContext): Promise<void> {
    const outcome = await this.schedule.schedule(ctx.manager, chunk, this.clock.now());
    if (outcome.rejected) await ctx.send('payments.bank-status', outcome.rejected);
  }

  @OnMessage('payments.stop-requested')
  async onStopRequested(@Payload() req: PaymentsStopRequestedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await ctx.send('payments.stop-result', await this.schedule.stop(ctx.manager, req));
  }

  // CONTRL and BANSTA from banks' adapters; the sender is the broker-validated user-id.
  @OnPartnerDocument('bank-answers')
  async onBankAnswer(@Payload() doc: PartnerDocument, @Ctx() ctx: MessageContext): Promise<void> {
    const [bank] = (await ctx.manager.query('SELECT bank_id FROM banks WHERE broker_user = $1', [
      doc.userId,
    ])) as {
      bank_id: string;
    }[];
    if (!bank) {
      throw new PermanentMessageError(
        doc.userId === null
          ? 'the answer has no user-id property: the bank cannot be identified'
          : `no bank is registered for broker user ${doc.userId}`,
      );
    }
    await this.bankAnswers.execute(ctx.manager, bank.bank_id, doc, ctx);
  }
}
