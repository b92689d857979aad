import { Controller, Get, NotFoundException, Param, Req, UseGuards } from '@nestjs/common';
import {
  BundleReconciliation,
  PaymentHistory,
  PaymentQueries,
} from '../usecases/payment-queries/payment-queries';
import { AuthenticatedRequest, AuthorityAuthGuard } from './authority-auth.guard';

const ID = /^[A-Za-z0-9/\-?:().,'+ ]{1,35}$/;

// For the authority's own payments only (its bearer token decides which authority it is).
@Controller()
@UseGuards(AuthorityAuthGuard)
export class PaymentsController {
  constructor(private readonly queries: PaymentQueries) {}

  // Where is my payment: its state now and its history across the services.
  @Get('payments/:endToEndId')
  async whereIs(
    @Req() req: AuthenticatedRequest,
    @Param('endToEndId') endToEndId: string,
  ): Promise<PaymentHistory> {
    if (!ID.test(endToEndId)) throw new NotFoundException('no such payment');
    const found = await this.queries.whereIs(req.authorityId ?? '', endToEndId);
    if (!found) throw new NotFoundException(`no payment with EndToEndId ${endToEndId}`);
    return found;
  }

  @Get('bundles/:msgId/reconciliation')
  async reconcile(
    @Req() req: AuthenticatedRequest,
    @Param('msgId') msgId: string,
  ): Promise<BundleReconciliation> {
    if (!ID.test(msgId)) throw new NotFoundException('no such bundle');
    const found = await this.queries.reconcile(req.authorityId ?? '', msgId);
    if (!found) throw new NotFoundException(`no bundle with id ${msgId}`);
    return found;
  }
}
