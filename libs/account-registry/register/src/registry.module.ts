import { Module } from '@nestjs/common';
import { AuthorityChannelController } from './http/authority-channel.controller';
import { BankChannelController } from './http/bank-channel.controller';
import { LookupsController } from './http/lookups.controller';
import { RegistryOperatorController } from './http/operator.controller';
import { RegistryAuthGuard } from './http/registry-auth.guard';
import { REGISTRY_SETTINGS, registrySettingsFromEnv } from './registry.settings';
import { RegistryHandlers } from './messaging/registry.handlers';
import { ActivateAccountUseCase } from './usecases/activate-account/activate-account.usecase';
import { ApplyCprCvrStatesUseCase } from './usecases/apply-cpr-cvr-states/apply-cpr-cvr-states.usecase';
import { ActivationExpiryJob } from './usecases/expire-activations/activation-expiry.job';
import { ExpireActivationsUseCase } from './usecases/expire-activations/expire-activations.usecase';
import { FlagRejectedAccountUseCase } from './usecases/flag-rejected-account/flag-rejected-account.usecase';
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
    RegistryHandlers,
  ],
  providers: [
    { provide: REGISTRY_SETTINGS, useFactory: () => registrySettingsFromEnv() },
    RegisterAccountUseCase,
    LookupAccountsUseCase,
    ReplayRegisterUseCase,
    ActivateAccountUseCase,
    ExpireActivationsUseCase,
    ActivationExpiryJob,
    ApplyCprCvrStatesUseCase,
    FlagRejectedAccountUseCase,
    RegistryAuthGuard,
  ],
  exports: [RegisterAccountUseCase, LookupAccountsUseCase],
})
export class RegistryModule {}
