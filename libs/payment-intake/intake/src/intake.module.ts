import { Module } from '@nestjs/common';
import { AnswerIssuer } from './answers/answer-issuer';
import { AuthorityAuthGuard } from './http/authority-auth.guard';
import { BundlesController } from './http/bundles.controller';
import { PaymentsController } from './http/payments.controller';
import { IntakeHandlers } from './messaging/intake.handlers';
import { ReceiveBundleUseCase } from './usecases/receive-bundle/receive-bundle.usecase';
import { RecordOutcomesUseCase } from './usecases/record-outcomes/record-outcomes.usecase';
import { StopPaymentsUseCase } from './usecases/stop-payments/stop-payments.usecase';
import { PaymentQueries } from './usecases/payment-queries/payment-queries';
import { INTAKE_SETTINGS, intakeSettingsFromEnv } from './intake.settings';

// DataSource, Outbox and Clock come from the global ServiceKitModule.
@Module({
  controllers: [BundlesController, PaymentsController, IntakeHandlers],
  providers: [
    ReceiveBundleUseCase,
    AnswerIssuer,
    RecordOutcomesUseCase,
    StopPaymentsUseCase,
    PaymentQueries,
    AuthorityAuthGuard,
    { provide: INTAKE_SETTINGS, useFactory: () => intakeSettingsFromEnv() },
  ],
  exports: [ReceiveBundleUseCase],
})
export class IntakeModule {}
