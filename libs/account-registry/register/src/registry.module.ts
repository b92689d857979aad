import { Module } from '@nestjs/common';
import { AuthorityChannelController } from './http/authority-channel.controller';
import { BankChannelController } from './http/bank-channel.controller';
import { LookupsController } from './http/lookups.controller';
import { RegistryOperatorController } from './http/operator.controller';
import { RegistryAuthGuard } from './http/registry-auth.guard';
import { REGISTRY_SETTINGS, registrySettingsFromEnv } from './registry.settings';
import { EidClient } from './eid/eid-client';
import { EidController } from './eid/eid.controller';
import { EidSessions } from './eid/eid-sessions';
import { EID_SETTINGS, eidSettingsFromEnv } from './eid/eid.settings';
import { SelfServiceController } from './http/self-service.controller';
import { UiController } from './ui/ui.controller';
import { ControlListQuery } from './usecases/control-list/control-list.query';
import { PartyOverviewQuery } from './usecases/party-overview/party-overview.query';
import { SearchByAccountQuery } from './usecases/search-by-account/search-by-account.query';
import { OptOutUseCase } from './private-payers/usecases/opt-out/opt-out.usecase';
import { PrivatePayerLookupsQuery } from './private-payers/usecases/private-payer-lookups/private-payer-lookups.query';
import { RegistryHandlers } from './messaging/registry.handlers';
import { ActivateAccountUseCase } from './usecases/activate-account/activate-account.usecase';
import { ApplyCprCvrStatesUseCase } from './usecases/apply-cpr-cvr-states/apply-cpr-cvr-states.usecase';
import { RegistryHousekeepingJob } from './usecases/expire-activations/registry-housekeeping.job';
import { DeleteUnusedAccountsUseCase } from './usecases/delete-unused-accounts/delete-unused-accounts.usecase';
import { RecordPaymentsMadeUseCase } from './usecases/record-payments-made/record-payments-made.usecase';
import { ExpireActivationsUseCase } from './usecases/expire-activations/expire-activations.usecase';
import { FlagRejectedAccountUseCase } from './usecases/flag-rejected-account/flag-rejected-account.usecase';
import { LookupAccountsUseCase } from './usecases/lookup-accounts.usecase';
import { RegisterAccountUseCase } from './usecases/register-account.usecase';
import { ReplayRegisterUseCase } from './usecases/replay-register.usecase';

// DataSource, Outbox, Clock and the service config come from the global ServiceKitModule.
@Module({
  controllers: [
    BankChannelController,
    AuthorityChannelController,
    LookupsController,
    RegistryOperatorController,
    SelfServiceController,
    EidController,
    UiController,
    RegistryHandlers,
  ],
  providers: [
    { provide: REGISTRY_SETTINGS, useFactory: () => registrySettingsFromEnv() },
    { provide: EID_SETTINGS, useFactory: () => eidSettingsFromEnv() },
    EidClient,
    EidSessions,
    PartyOverviewQuery,
    ControlListQuery,
    SearchByAccountQuery,
    RegisterAccountUseCase,
    LookupAccountsUseCase,
    ReplayRegisterUseCase,
    ActivateAccountUseCase,
    ExpireActivationsUseCase,
    RegistryHousekeepingJob,
    DeleteUnusedAccountsUseCase,
    RecordPaymentsMadeUseCase,
    ApplyCprCvrStatesUseCase,
    FlagRejectedAccountUseCase,
    RegistryAuthGuard,
    OptOutUseCase,
    PrivatePayerLookupsQuery,
  ],
  exports: [RegisterAccountUseCase, LookupAccountsUseCase, RegistryAuthGuard, EidSessions, OptOutUseCase],
})
export class RegistryModule {}
