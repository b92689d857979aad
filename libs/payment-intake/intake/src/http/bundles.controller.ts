import { Pain001FormatCode } from '@nemkonto/payment-intake-pain001';
import { Clock } from '@nemkonto/platform-service-kit';
import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DataSource, EntityManager } from 'typeorm';
import { AnswerIssuer } from '../answers/answer-issuer';
import { INTAKE_SETTINGS, IntakeSettings } from '../intake.settings';
import { ReceiveBundleCommand } from '../usecases/receive-bundle/receive-bundle.command';
import { bundleAnswers } from '../usecases/receive-bundle/bundle-answers';
import { ReceiveBundleResult } from '../usecases/receive-bundle/receive-bundle.result';
import { ReceiveBundleUseCase } from '../usecases/receive-bundle/receive-bundle.usecase';
import { AuthenticatedRequest, AuthorityAuthGuard } from './authority-auth.guard';

// HTTPS upload of one pain.001 bundle (the body is streamed, never buffered whole). The reception
// answers (pain.002 documents) come back in the response, 200 when received, 413 when the
// document is over the size limit (refused from its Content-Length before a byte is read, or as
// soon as the stream passes the limit) and 422 when rejected or unreadable, and also go to the
// authority's reply queue like every later answer.
@Controller('bundles')
export class BundlesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receiveBundle: ReceiveBundleUseCase,
    private readonly answers: AnswerIssuer,
    private readonly clock: Clock,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  @Post()
  @HttpCode(200)
  @UseGuards(AuthorityAuthGuard)
  async upload(@Req() req: AuthenticatedRequest, @Res() res: ServerResponse): Promise<void> {
    const authorityId = req.authorityId ?? '';
    const declared = Number(req.headers['content-length'] ?? NaN);
    const { result, answers } = await this.dataSource.transaction(async (m) => {
      const received =
        declared > this.settings.maxBundleBytes
          ? this.tooLarge(declared)
          : await this.receiveBundle.executeIn(m, new ReceiveBundleCommand(authorityId, req));
      return { result: received, answers: await this.issue(m, authorityId, received) };
    });
    res.statusCode =
      result.answer === 1 && result.status === 'RECEIVED'
        ? 200
        : result.answer === 0 && result.code === Pain001FormatCode.DOCUMENT_TOO_LARGE
          ? 413
          : 422;
    // A body not read to its end is not read at all: the connection closes after the answer.
    if (!req.readableEnded) res.setHeader('connection', 'close');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answers }));
  }

  private tooLarge(declared: number): ReceiveBundleResult {
    return {
      answer: 0,
      code: Pain001FormatCode.DOCUMENT_TOO_LARGE,
      reason: `document larger than ${this.settings.maxBundleBytes} bytes (Content-Length ${declared})`,
      documentHash: createHash('sha256').update(`content-length:${declared}`).digest('hex'),
    };
  }

  private issue(m: EntityManager, authorityId: string, received: ReceiveBundleResult) {
    const bundleKey = received.answer === 1 && received.status === 'RECEIVED' ? received.bundleKey : null;
    return this.answers.issue(
      m,
      authorityId,
      bundleAnswers(authorityId, received, this.clock.now()),
      bundleKey,
    );
  }
}
