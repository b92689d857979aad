import { Module } from '@nestjs/common';
import { CompletionHandlers } from './completion.handlers';
import { HoldExpiryJob } from './hold-expiry.job';
import { ApplyAccountChangeUseCase } from './usecases/apply-account-change/apply-account-change.usecase';
import { ApplyPartyNamesUseCase } from './usecases/apply-party-names/apply-party-names.usecase';
import { CompletePaymentsUseCase } from './usecases/complete-payments/complete-payments.usecase';
import { ReleaseHeldPaymentsUseCase } from './usecases/release-held-payments/release-held-payments.usecase';

@Module({
  controllers: [CompletionHandlers],
  providers: [
    ApplyAccountChangeUseCase,
    ApplyPartyNamesUseCase,
    CompletePaymentsUseCase,
    ReleaseHeldPaymentsUseCase,
    HoldExpiryJob,
  ],
})
export class CompletionModule {}
