import {
  PaymentsReceivedV1,
  RegistryAccountChangedV1,
  SyncCompanyChangedV1,
  SyncPersonChangedV1,
} from '@nemkonto/contracts';
import { copenhagenWallClock } from '@nemkonto/domain';
import { MessageContext, OnMessage } from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApplyAccountChangeUseCase } from './usecases/apply-account-change/apply-account-change.usecase';
import { ApplyPartyNamesUseCase } from './usecases/apply-party-names/apply-party-names.usecase';
import { CompletePaymentsUseCase } from './usecases/complete-payments/complete-payments.usecase';
import { ReleaseHeldPaymentsUseCase } from './usecases/release-held-payments/release-held-payments.usecase';

@Controller()
export class CompletionHandlers {
  constructor(
    private readonly applyChange: ApplyAccountChangeUseCase,
    private readonly completePayments: CompletePaymentsUseCase,
    private readonly releaseHeld: ReleaseHeldPaymentsUseCase,
    private readonly names: ApplyPartyNamesUseCase,
    private readonly clock: Clock,
  ) {}

  // A newer register state may give held payments their account: they are released at once.
  @OnMessage('registry.account-changed')
  async onAccountChanged(
    @Payload() change: RegistryAccountChangedV1,
    @Ctx() ctx: MessageContext,
  ): Promise<void> {
    if ((await this.applyChange.execute(ctx.manager, change)) === 'stale') return;
    for (const released of await this.releaseHeld.forParty(ctx.manager, change.party)) {
      await ctx.send('payments.completed', released);
    }
  }

  // Recipients' names for the payment orders (CPR/CVR); the register's reactions to these
  // events (end-marking, number changes) reach enrichment as registry.account-changed.
  @OnMessage('sync.person-changed')
  async onPersonChanged(@Payload() msg: SyncPersonChangedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.names.persons(ctx.manager, msg);
  }

  @OnMessage('sync.company-changed')
  async onCompanyChanged(@Payload() msg: SyncCompanyChangedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.names.companies(ctx.manager, msg);
  }

  @OnMessage('payments.received')
  async onPaymentsReceived(@Payload() chunk: PaymentsReceivedV1, @Ctx() ctx: MessageContext): Promise<void> {
    const today = copenhagenWallClock(this.clock.now()).date;
    await ctx.send('payments.completed', await this.completePayments.execute(ctx.manager, chunk, today));
  }
}
