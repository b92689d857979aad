import { Module } from '@nestjs/common';
import { AuthorityAuthGuard } from './http/authority-auth.guard';
import { BundlesController } from './http/bundles.controller';
import { ReceiveBundleUseCase } from './usecases/receive-bundle/receive-bundle.usecase';

// DataSource and Outbox come from the global ServiceKitModule.
@Module({
  controllers: [BundlesController],
  providers: [ReceiveBundleUseCase, AuthorityAuthGuard],
  exports: [ReceiveBundleUseCase],
})
export class IntakeModule {}
