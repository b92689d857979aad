import { Module } from '@nestjs/common';
import { FeedOperatorController } from './http/feed-operator.controller';
import { FeedDropJob } from './jobs/feed-drop.job';
import { SyncHandlers } from './messaging/sync.handlers';
import { SequenceTracker } from './sequencing/sequence-tracker';
import { SYNC_SETTINGS, syncSettingsFromEnv } from './sync.settings';
import { AddressLetterUseCase } from './usecases/address-letter/address-letter.usecase';
import { ApplyFeedEventsUseCase } from './usecases/apply-feed-events/apply-feed-events.usecase';
import { CompanyStore } from './usecases/apply-feed-events/company.store';
import { PersonStore } from './usecases/apply-feed-events/person.store';
import { FeedQueries } from './usecases/feed-queries/feed-queries';
import { IngestFeedFileUseCase } from './usecases/ingest-feed-file/ingest-feed-file.usecase';
import { InitialLoadUseCase } from './usecases/initial-load/initial-load.usecase';
import { PublishInitialStateUseCase } from './usecases/initial-load/publish-initial-state.usecase';
import { ReceiveFeedEventUseCase } from './usecases/receive-feed-event/receive-feed-event.usecase';

// DataSource, Outbox, Clock and OperatorGuard come from the global ServiceKitModule.
@Module({
  controllers: [SyncHandlers, FeedOperatorController],
  providers: [
    { provide: SYNC_SETTINGS, useFactory: () => syncSettingsFromEnv() },
    SequenceTracker,
    PersonStore,
    CompanyStore,
    ApplyFeedEventsUseCase,
    ReceiveFeedEventUseCase,
    IngestFeedFileUseCase,
    InitialLoadUseCase,
    PublishInitialStateUseCase,
    AddressLetterUseCase,
    FeedQueries,
    FeedDropJob,
  ],
  exports: [ApplyFeedEventsUseCase, IngestFeedFileUseCase, InitialLoadUseCase, PublishInitialStateUseCase],
})
export class SyncModule {}
