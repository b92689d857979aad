import {
  DispatchAccountRejectedV1,
  PaymentsCompletedV1,
  SyncCompanyChangedV1,
  SyncLetterAddressedV1,
  SyncPersonChangedV1,
} from '@nemkonto/contracts';
import { MessageContext, OnMessage } from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApplyCprCvrStatesUseCase } from '../usecases/apply-cpr-cvr-states/apply-cpr-cvr-states.usecase';
import { FlagRejectedAccountUseCase } from '../usecases/flag-rejected-account/flag-rejected-account.usecase';
import { recordLetterOutcome } from '../usecases/letters/record-letter-outcome';
import { RecordPaymentsMadeUseCase } from '../usecases/record-payments-made/record-payments-made.usecase';

// What the register hears: person and company states from cpr-cvr-sync, the outcome of the
// letters it asked for, completed payments (when each account was last paid to), and banks'
// rejections of accounts as closed or unknown.
@Controller()
export class RegistryHandlers {
  private readonly logger = new Logger(RegistryHandlers.name);

  constructor(
    private readonly states: ApplyCprCvrStatesUseCase,
    private readonly flagRejected: FlagRejectedAccountUseCase,
    private readonly paymentsMade: RecordPaymentsMadeUseCase,
    private readonly clock: Clock,
  ) {}

  @OnMessage('sync.person-changed')
  async onPersons(@Payload() msg: SyncPersonChangedV1, @Ctx() ctx: MessageContext): Promise<void> {
    const outcome = await this.states.persons(
      ctx.manager,
      msg.source,
      msg.kind,
      msg.persons,
      this.clock.now(),
    );
    if (outcome.moved > 0 || outcome.endMarkChanged > 0)
      this.logger.log({ source: msg.source, ...outcome }, 'person states applied');
  }

  @OnMessage('sync.company-changed')
  async onCompanies(@Payload() msg: SyncCompanyChangedV1, @Ctx() ctx: MessageContext): Promise<void> {
    const outcome = await this.states.companies(
      ctx.manager,
      msg.source,
      msg.kind,
      msg.companies,
      this.clock.now(),
    );
    if (outcome.endMarkChanged > 0)
      this.logger.log({ source: msg.source, ...outcome }, 'company states applied');
  }

  @OnMessage('sync.letter-addressed')
  async onLetterAddressed(@Payload() msg: SyncLetterAddressedV1, @Ctx() ctx: MessageContext): Promise<void> {
    if (!(await recordLetterOutcome(ctx.manager, msg, this.clock.now())))
      this.logger.warn({ letterId: msg.letterId }, 'an answer about a letter the register did not ask for');
    else if (msg.outcome === 'UNDELIVERABLE')
      this.logger.warn(
        { letterId: msg.letterId, reasonCode: msg.reasonCode },
        'a letter could not be delivered',
      );
  }

  // When accounts were last paid to (for deletion 5 years after).
  @OnMessage('payments.completed')
  async onPaymentsCompleted(@Payload() msg: PaymentsCompletedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await this.paymentsMade.execute(ctx.manager, msg);
  }

  @OnMessage('dispatch.account-rejected')
  async onAccountRejected(
    @Payload() msg: DispatchAccountRejectedV1,
    @Ctx() ctx: MessageContext,
  ): Promise<void> {
    const outcome = await this.flagRejected.execute(ctx.manager, msg, this.clock.now());
    this.logger.log(
      { bankId: msg.bankId, reasonCode: msg.reasonCode, paymentId: msg.paymentId, outcome },
      'bank rejected an account',
    );
  }
}
