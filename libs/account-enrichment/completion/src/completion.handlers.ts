import { PaymentsReceivedV1, RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { MessageContext, OnMessage } from '@nemkonto/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApplyAccountChangeUseCase } from './usecases/apply-account-change/apply-account-change.usecase';
import { CompletePaymentsUseCase } from './usecases/complete-payments/complete-payments.usecase';

@Controller()
export class CompletionHandlers {
  constructor(
    private readonly applyChange: ApplyAccountChangeUseCase,
    private readonly completePayments: CompletePaymentsUseCase,
  ) {}

  @OnMessage('registry.account-changed')
  async onAccountChanged(
    @Payload() change: RegistryAccountChangedV1,
    @Ctx() ctx: MessageContext,
  ): Promise<void> {
    await this.applyChange.execute(ctx.manager, change);
  }

  @OnMessage('payments.received')
  async onPaymentsReceived(@Payload() chunk: PaymentsReceivedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await ctx.send('payments.completed', await this.completePayments.execute(ctx.manager, chunk));
  }
}
