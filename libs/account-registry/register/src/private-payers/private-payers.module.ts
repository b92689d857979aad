import { Module } from '@nestjs/common';
import { RegistryAuthGuard } from '../http/registry-auth.guard';
import { RegistryModule } from '../registry.module';
import { PrivatePayerLookupsController } from './http/private-payer-lookups.controller';
import { PrivatePayersOperatorController } from './http/private-payers-operator.controller';
import { PayerLookups } from './lookups/payer-lookups';
import { PayerLookupsHandler } from './messaging/payer-lookups.handler';
import { PRIVATE_PAYER_SETTINGS, privatePayerSettingsFromEnv } from './private-payer.settings';
import { TokenBuckets } from './token-buckets/token-buckets.repository';
import { AnswerLookupBundleUseCase } from './usecases/answer-lookup-bundle/answer-lookup-bundle.usecase';
import { LookUpPartyUseCase } from './usecases/look-up-party/look-up-party.usecase';
import { OptOutUseCase } from './usecases/opt-out/opt-out.usecase';
import { PrivatePayerLookupsQuery } from './usecases/private-payer-lookups/private-payer-lookups.query';
import { SavePrivatePayerUseCase } from './usecases/save-private-payer/save-private-payer.usecase';
import { UsageReportQuery } from './usecases/usage-report/usage-report.query';

// Private payers: REST and bundle lookups, opt-outs, token buckets, usage. LookupAccountsUseCase
// comes from RegistryModule; OptOutUseCase and PrivatePayerLookupsQuery (for self-service) need
// only the DataSource.
@Module({
  imports: [RegistryModule],
  controllers: [PrivatePayerLookupsController, PrivatePayersOperatorController, PayerLookupsHandler],
  providers: [
    { provide: PRIVATE_PAYER_SETTINGS, useFactory: () => privatePayerSettingsFromEnv() },
    TokenBuckets,
    PayerLookups,
    LookUpPartyUseCase,
    AnswerLookupBundleUseCase,
    OptOutUseCase,
    PrivatePayerLookupsQuery,
    SavePrivatePayerUseCase,
    UsageReportQuery,
    RegistryAuthGuard,
  ],
  exports: [OptOutUseCase, PrivatePayerLookupsQuery],
})
export class PrivatePayersModule {}
