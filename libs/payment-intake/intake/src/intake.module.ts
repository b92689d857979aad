import { Module } from '@nestjs/common';
import { ReceiveBundleUseCase } from './usecases/receive-bundle/receive-bundle.usecase';

// DataSource and Outbox come from the global ServiceKitModule.
@Module({
  providers: [ReceiveBundleUseCase],
  exports: [ReceiveBundleUseCase],
})
export class IntakeModule {}
