import { Clock } from '@nemkonto/platform-service-kit';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  ActivateAccountUseCase,
  ActivationResult,
} from '../usecases/activate-account/activate-account.usecase';
import { OptOutResult, OptOutUseCase } from '../private-payers/usecases/opt-out/opt-out.usecase';
import { PartyOverview, PartyOverviewQuery } from '../usecases/party-overview/party-overview.query';
import { PartyKey } from '../usecases/party-state';
import { AccountChange, ChangeResult, RegisterAccountUseCase } from '../usecases/register-account.usecase';
import { changeAnswer } from './change-answer';
import { InputError, account, benefitType, bodyOf, expectedVersion } from './registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

// Citizens and businesses after an eID login: their own NemKonto and benefit-specific accounts,
// every change and who looked them up, opting out of private payers; assigning a NemKonto (pending until the code from the
// activation letter is entered), entering that code, changing or removing a benefit-specific
// account. The party is always the one logged in for: no party is ever taken from the request.
@ApiTags('self-service')
@ApiCookieAuth()
@Controller('self-service')
@UseGuards(RegistryAuthGuard)
@Roles('CITIZEN')
export class SelfServiceController {
  constructor(
    private readonly register: RegisterAccountUseCase,
    private readonly activation: ActivateAccountUseCase,
    private readonly overviewQuery: PartyOverviewQuery,
    private readonly optOut: OptOutUseCase,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary: 'My NemKonto, pending assignments, benefit-specific accounts, changes, letters, lookups',
  })
  async overview(@Req() req: RegistryRequest): Promise<PartyOverview> {
    const party = this.partyOf(req);
    const view = await this.overviewQuery.execute(party);
    await this.dataSource.query(
      `INSERT INTO lookup_audit (party_kind, party_id, channel, actor, purpose, outcome) VALUES ($1, $2, 'SELF_SERVICE', $3, 'OWN_OVERVIEW', 'SHOWN')`,
      [party.kind, party.value, req.principal?.actor ?? ''],
    );
    return view;
  }

  @Post('nemkonto')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign or change my NemKonto: pending until activated with the letter’s code' })
  async assign(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    return this.change(req, b, { action: 'ASSIGN', account: account(b) });
  }

  @Post('activation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter the 8-digit code from the activation letter' })
  async activate(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ActivationResult> {
    const code = bodyOf(body)['code'];
    if (typeof code !== 'string' || !/^\d{8}$/.test(code))
      throw new InputError('ACTIVATION_CODE_FORMAT', 'the activation code has 8 digits', 'code');
    const result = await this.activation.execute(
      { party: this.partyOf(req), code, channel: 'SELF_SERVICE', actor: req.principal?.actor ?? '' },
      this.clock.now(),
    );
    if (!result.ok) throw new UnprocessableEntityException({ statusCode: 422, ...result });
    return result;
  }

  @Post('benefit-accounts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change a benefit-specific account an authority created for me (pending until activated)',
  })
  async changeBenefitAccount(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const party = this.partyOf(req);
    const benefit = await this.existingBenefit(party, b);
    return this.change(req, b, { action: 'ASSIGN', account: account(b), benefit });
  }

  @Post('benefit-accounts/remove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a benefit-specific account: that benefit goes to my NemKonto again' })
  async removeBenefitAccount(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const party = this.partyOf(req);
    const benefit = await this.existingBenefit(party, b);
    return this.change(req, b, { action: 'CLOSE', benefit });
  }

  @Post('private-payers/opt-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opt out of (optOut: true) or back into (false) lookups by private payers' })
  async setOptOut(@Req() req: RegistryRequest, @Body() body: unknown): Promise<OptOutResult> {
    const optOut = bodyOf(body)['optOut'];
    if (typeof optOut !== 'boolean')
      throw new InputError('OPT_OUT_FORMAT', 'optOut is true or false', 'optOut');
    return this.optOut.execute(
      { party: this.partyOf(req), optOut, channel: 'SELF_SERVICE', actor: req.principal?.actor ?? '' },
      this.clock.now(),
    );
  }

  // A change of the logged-in party's own register entry, through the self-service channel.
  private async change(
    req: RegistryRequest,
    b: Record<string, unknown>,
    c: Pick<AccountChange, 'action' | 'account' | 'benefit'>,
  ): Promise<ChangeResult> {
    const result = await this.register.execute(
      {
        ...c,
        party: this.partyOf(req),
        channel: 'SELF_SERVICE',
        actor: req.principal?.actor ?? '',
        expectedVersion: expectedVersion(b),
      },
      this.clock.now(),
    );
    return changeAnswer(result);
  }

  private partyOf(req: RegistryRequest): PartyKey {
    const party = req.principal?.party;
    if (!party) throw new Error('a citizen session without a party');
    return party;
  }

  // The holder may change or remove only a benefit-specific account an authority created.
  private async existingBenefit(
    party: PartyKey,
    b: Record<string, unknown>,
  ): Promise<{ authorityId: string; benefitType: string }> {
    const authorityId = b['authorityId'];
    if (typeof authorityId !== 'string' || !/^[A-Za-z0-9_-]{1,50}$/.test(authorityId))
      throw new InputError(
        'AUTHORITY_ID_FORMAT',
        'authorityId is 1 to 50 of A-Z, a-z, 0-9, _ and -',
        'authorityId',
      );
    const type = benefitType(b, true) ?? '';
    const [row] = (await this.dataSource.query(
      `SELECT 1 FROM account_versions v
         LEFT JOIN parties o ON o.party_kind = $1 AND o.party_id = $2
        WHERE v.party_kind = $1 AND v.party_id = coalesce(o.moved_to, $2) AND v.purpose = 'BENEFIT_SPECIFIC'
          AND v.authority_id = $3 AND v.benefit_type = $4
          AND (v.state = 'PENDING' OR (v.state = 'ACTIVE' AND v.effective_to IS NULL))`,
      [party.kind, party.value, authorityId, type],
    )) as unknown[];
    if (!row)
      throw new NotFoundException({
        statusCode: 404,
        code: 'NO_SUCH_BENEFIT_ACCOUNT',
        message: 'you have no benefit-specific account for that authority and benefit type',
      });
    return { authorityId, benefitType: type };
  }
}
