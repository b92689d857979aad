import { writePain002 } from '@nemkonto/payment-intake-pain002';
import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ReceiveBundleCommand } from '../usecases/receive-bundle/receive-bundle.command';
import { bundleAnswers } from '../usecases/receive-bundle/bundle-answers';
import { ReceiveBundleUseCase } from '../usecases/receive-bundle/receive-bundle.usecase';
import { AuthenticatedRequest, AuthorityAuthGuard } from './authority-auth.guard';

// HTTPS upload of one pain.001 bundle (the body is streamed, never buffered whole). The answers
// (pain.002 documents) come back in the response: 200 when received, 422 when rejected or unreadable.
@Controller('bundles')
export class BundlesController {
  constructor(private readonly receiveBundle: ReceiveBundleUseCase) {}

  @Post()
  @HttpCode(200)
  @UseGuards(AuthorityAuthGuard)
  async upload(@Req() req: AuthenticatedRequest, @Res() res: ServerResponse): Promise<void> {
    const authorityId = req.authorityId ?? '';
    const result = await this.receiveBundle.execute(new ReceiveBundleCommand(authorityId, req));
    const answers = bundleAnswers(authorityId, result, new Date()).map((a) => ({
      code: a.code,
      answerId: a.answerId,
      status: a.groupStatus,
      pain002: writePain002(a),
    }));
    res.statusCode = result.answer === 1 && result.status === 'RECEIVED' ? 200 : 422;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answers }));
  }
}
