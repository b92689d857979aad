import { Module } from '@nestjs/common';
import { AuthorityChannelController } from './http/authority-channel.controller';
import { BankChannelController } from './http/bank-channel.controller';
import { LookupsController } from './http/lookups.controller';
import { RegistryOperatorController } from './http/operator.controller';
import { RegistryAuthGuard } from './http/registry-auth.guard';
import { REGISTRY_SETTINGS, registrySettingsFromEnv } from './registry.settings';
import { LookupAccountsUseCase } from './usecases/lookup-accounts.usecase';
import { RegisterAccountUseCase } from './usecases/register-account.usecase';
import { ReplayRegisterUseCase } from './usecases/replay-register.usecase';

// DataSource, Outbox, Clock and OperatorGuard come from the global ServiceKitModule.
@Module({
  controllers: [
    BankChannelController,
    AuthorityChannelController,
    LookupsController,
    RegistryOperatorController,
  ],
  providers: [
    { provide: REGISTRY_SETTINGS, useFactory: () => registrySettingsFromEnv() },
    RegisterAccountUseCase,
    LookupAccountsUseCase,
    ReplayRegisterUseCase,
    RegistryAuthGuard,
  ],
  exports: [RegisterAccountUseCase, LookupAccountsUseCase],
})
export class RegistryModule {}
