import {
  MessageContext,
  OnPartnerDocument,
  PartnerDocument,
  PermanentMessageError,
} from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrivatePayerError } from '../private-payer.error';
import { AnswerLookupBundleUseCase } from '../usecases/answer-lookup-bundle/answer-lookup-bundle.usecase';

// Lookup bundles from private payers' systems. The sender is the broker-validated user-id; a
// bundle without one, or from a user no payer is registered with, is dead-lettered (there is no
// one to answer). Everything else is answered on the payer's queue.
@Controller()
export class PayerLookupsHandler {
  private readonly logger = new Logger(PayerLookupsHandler.name);

  constructor(
    private readonly answerBundle: AnswerLookupBundleUseCase,
    private readonly clock: Clock,
  ) {}

  @OnPartnerDocument('payer-lookups')
  async onBundle(@Payload() doc: PartnerDocument, @Ctx() ctx: MessageContext): Promise<void> {
    try {
      const outcome = await this.answerBundle.executeIn(ctx.manager, doc, this.clock.now());
      this.logger.log({ documentId: doc.documentId, userId: doc.userId, outcome }, 'lookup bundle answered');
    } catch (err) {
      if (!(err instanceof PrivatePayerError)) throw err;
      switch (err.code) {
        case 'UNKNOWN_PAYER':
          this.logger.warn(
            { documentId: doc.documentId, userId: doc.userId },
            'bundle from an unknown sender',
          );
          throw new PermanentMessageError(err.message);
        case 'NO_AGREEMENT':
        case 'THROTTLED':
        case 'PAYER_CONFLICT':
          // Answered to the payer, never thrown for bundles; retrying could not help either.
          throw new PermanentMessageError(err.message);
      }
    }
  }
}
