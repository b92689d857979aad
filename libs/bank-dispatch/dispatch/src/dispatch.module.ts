import { Module } from '@nestjs/common';
import { DispatchHandlers } from './dispatch.handlers';
import { DispatchJob } from './dispatch.job';
import { InterchangesController } from './http/interchanges.controller';
import { DispatchInterchangesUseCase } from './usecases/dispatch-interchanges.usecase';
import { HandleBankAnswerUseCase } from './usecases/handle-bank-answer.usecase';
import { SchedulePaymentsUseCase } from './usecases/schedule-payments.usecase';

@Module({
  controllers: [DispatchHandlers, InterchangesController],
  providers: [SchedulePaymentsUseCase, DispatchInterchangesUseCase, HandleBankAnswerUseCase, DispatchJob],
  exports: [DispatchInterchangesUseCase],
})
export class DispatchModule {}
