import { Module } from '@nestjs/common';
import { CompletionHandlers } from './completion.handlers';
import { ApplyAccountChangeUseCase } from './usecases/apply-account-change/apply-account-change.usecase';
import { CompletePaymentsUseCase } from './usecases/complete-payments/complete-payments.usecase';

@Module({
  controllers: [CompletionHandlers],
  providers: [ApplyAccountChangeUseCase, CompletePaymentsUseCase],
})
export class CompletionModule {}
