import { Clock } from '@nemkonto/platform-service-kit';
import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { AnswerIssuer } from '../answers/answer-issuer';
import { ReceiveBundleCommand } from '../usecases/receive-bundle/receive-bundle.command';
import { bundleAnswers } from '../usecases/receive-bundle/bundle-answers';
import { ReceiveBundleUseCase } from '../usecases/receive-bundle/receive-bundle.usecase';
import { AuthenticatedRequest, AuthorityAuthGuard } from './authority-auth.guard';

// HTTPS upload of one pain.001 bundle (the body is streamed, never buffered whole). The reception
// answers (pain.002 documents) come back in the response, 200 when received and 422 when rejected
// or unreadable, and also go to the authority's reply queue like every later answer.
@Controller('bundles')
export class BundlesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receiveBundle: ReceiveBundleUseCase,
    private readonly answers: AnswerIssuer,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @UseGuards(AuthorityAuthGuard)
  async upload(@Req() req: AuthenticatedRequest, @Res() res: ServerResponse): Promise<void> {
    const authorityId = req.authorityId ?? '';
    const { result, answers } = await this.dataSource.transaction(async (m) => {
      const received = await this.receiveBundle.executeIn(m, new ReceiveBundleCommand(authorityId, req));
      const bundleKey = received.answer === 1 && received.status === 'RECEIVED' ? received.bundleKey : null;
      const issued = await this.answers.issue(
        m,
        authorityId,
        bundleAnswers(authorityId, received, this.clock.now()),
        bundleKey,
      );
      return { result: received, answers: issued };
    });
    res.statusCode = result.answer === 1 && result.status === 'RECEIVED' ? 200 : 422;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answers }));
  }
}
