import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry.module';
import { PrivatePayerLookupsController } from './http/private-payer-lookups.controller';
import { PrivatePayersOperatorController } from './http/private-payers-operator.controller';
import { PayerLookups } from './lookups/payer-lookups';
import { PayerLookupsHandler } from './messaging/payer-lookups.handler';
import { PRIVATE_PAYER_SETTINGS, privatePayerSettingsFromEnv } from './private-payer.settings';
import { TokenBuckets } from './token-buckets/token-buckets.repository';
import { AnswerLookupBundleUseCase } from './usecases/answer-lookup-bundle/answer-lookup-bundle.usecase';
import { LookUpPartyUseCase } from './usecases/look-up-party/look-up-party.usecase';
import { SavePrivatePayerUseCase } from './usecases/save-private-payer/save-private-payer.usecase';
import { UsageReportQuery } from './usecases/usage-report/usage-report.query';

// Private payers: REST and bundle lookups, token buckets, usage. LookupAccountsUseCase, the
// guard and OptOutUseCase come from RegistryModule (self-service sets opt-outs there).
@Module({
  imports: [RegistryModule],
  controllers: [PrivatePayerLookupsController, PrivatePayersOperatorController, PayerLookupsHandler],
  providers: [
    { provide: PRIVATE_PAYER_SETTINGS, useFactory: () => privatePayerSettingsFromEnv() },
    TokenBuckets,
    PayerLookups,
    LookUpPartyUseCase,
    AnswerLookupBundleUseCase,
    SavePrivatePayerUseCase,
    UsageReportQuery,
  ],
})
export class PrivatePayersModule {}
