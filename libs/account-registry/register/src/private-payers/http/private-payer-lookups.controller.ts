import { Clock } from '@nemkonto/platform-service-kit';
import { Body, Controller, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { bodyOf, party } from '../../http/registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from '../../http/registry-auth.guard';
import { PayerAnswer } from '../lookups/payer-answer';
import { LookUpPartyUseCase } from '../usecases/look-up-party/look-up-party.usecase';
import { END_USER_HEADER, endUserOf } from './private-payer-input';
import { PrivatePayerErrorFilter } from './private-payer-error.filter';

// A private payer's single lookup: the account (FULL) or only whether there is one (YES_NO).
// POST with the party in the body, so no CPR number is ever in a URL.
@ApiTags('private payers')
@ApiBearerAuth()
@Controller('private-payers')
@UseGuards(RegistryAuthGuard)
@Roles('PRIVATE_PAYER')
@UseFilters(PrivatePayerErrorFilter)
export class PrivatePayerLookupsController {
  constructor(
    private readonly lookUpParty: LookUpPartyUseCase,
    private readonly clock: Clock,
  ) {}

  @Post('lookups')
  @HttpCode(200)
  @ApiHeader({
    name: END_USER_HEADER,
    required: true,
    description: 'the end user the payer acts for (opaque)',
  })
  @ApiOperation({
    summary: "A party's NemKonto ({found, account} or {found: false, code}), or {registered} in yes/no mode",
  })
  lookUp(@Req() req: RegistryRequest, @Body() body: unknown): Promise<PayerAnswer> {
    const endUser = endUserOf(req);
    const p = party(bodyOf(body));
    return this.lookUpParty.execute(
      { payerId: req.principal?.id ?? '', endUser, party: p },
      this.clock.now(),
    );
  }
}
