import { Body, Controller, Get, HttpCode, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { bodyOf } from '../../http/registry-input';
import { RegistryAuthGuard, Roles } from '../../http/registry-auth.guard';
import { PrivatePayer } from '../payers/private-payer';
import { SavePrivatePayerUseCase } from '../usecases/save-private-payer/save-private-payer.usecase';
import { UsageReport, UsageReportQuery } from '../usecases/usage-report/usage-report.query';
import { payerOf, periodOf } from './private-payer-input';
import { PrivatePayerErrorFilter } from './private-payer-error.filter';

// Operators (eID login or the NK_OPERATOR_TOKEN_SHA256 token) register private payers and read the usage for billing.
@ApiTags('operators')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('operator/private-payers')
@UseGuards(RegistryAuthGuard)
@Roles('OPERATOR')
@UseFilters(PrivatePayerErrorFilter)
export class PrivatePayersOperatorController {
  constructor(
    private readonly savePayer: SavePrivatePayerUseCase,
    private readonly usageReport: UsageReportQuery,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Register a private payer or replace its agreement (token given as SHA-256)' })
  save(@Body() body: unknown): Promise<PrivatePayer> {
    const { payer, apiTokenSha256 } = payerOf(bodyOf(body));
    return this.savePayer.execute(payer, apiTokenSha256);
  }

  @Get('usage')
  @ApiOperation({ summary: 'Lookups per payer per day and the fee, for from..to (YYYY-MM-DD, inclusive)' })
  usage(@Query() query: Record<string, unknown>): Promise<UsageReport> {
    const { from, to } = periodOf(query);
    return this.usageReport.execute(from, to);
  }
}
