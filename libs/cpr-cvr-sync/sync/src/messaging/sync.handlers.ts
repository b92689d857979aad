import { RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import {
  MessageContext,
  OnMessage,
  OnPartnerDocument,
  PartnerDocument,
  PermanentMessageError,
} from '@nemkonto/platform-messaging';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { syncMetrics } from '../sync.metrics';
import { SyncError } from '../sync.errors';
import { AddressLetterUseCase } from '../usecases/address-letter/address-letter.usecase';
import { ReceiveFeedEventUseCase } from '../usecases/receive-feed-event/receive-feed-event.usecase';

@Controller()
export class SyncHandlers {
  private readonly logger = new Logger(SyncHandlers.name);

  constructor(
    private readonly receiveFeedEvent: ReceiveFeedEventUseCase,
    private readonly addressLetter: AddressLetterUseCase,
  ) {}

  // The RabbitMQ feed: one JSON event per message. An event that cannot be applied as it is
  // (unreadable, off schema, from a sender not allowed for its source) is dead-lettered with
  // its reason; its sequence number stays missing, so the gap shows until it is sent again.
  @OnPartnerDocument('cpr-cvr-feed')
  async onFeedEvent(@Payload() doc: PartnerDocument, @Ctx() ctx: MessageContext): Promise<void> {
    try {
      const r = await this.receiveFeedEvent.execute(ctx.manager, doc, {
        correlationId: ctx.envelope.correlationId,
        causationId: ctx.envelope.messageId,
      });
      syncMetrics.events.inc({
        source: r.source,
        via: 'amqp',
        outcome: r.applied > 0 ? 'applied' : 'duplicate',
      });
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      syncMetrics.events.inc({ source: 'unknown', via: 'amqp', outcome: 'rejected' });
      this.logger.warn(
        { documentId: doc.documentId, code: err.code, reason: err.message },
        'feed event rejected',
      );
      throw new PermanentMessageError(`${err.code}: ${err.message}`);
    }
  }

  @OnMessage('registry.letter-requested')
  async onLetterRequested(
    @Payload() req: RegistryLetterRequestedV1,
    @Ctx() ctx: MessageContext,
  ): Promise<void> {
    const answer = await this.addressLetter.execute(ctx.manager, req);
    if (answer) await ctx.send('sync.letter-addressed', answer);
  }
}
