import { Clock } from '@nemkonto/platform-service-kit';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { ControlListQuery, controlListCsv } from '../usecases/control-list/control-list.query';
import { ChangeResult, RegisterAccountUseCase } from '../usecases/register-account.usecase';
import { changeAnswer } from './change-answer';
import {
  InputError,
  account,
  benefitType,
  bodyOf,
  expectedVersion,
  isoDate,
  party,
  reason,
} from './registry-input';
import { Principal, RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

// Authorities (their case systems, with a token) and their caseworkers (eID login with MitID
// Erhverv) assign a NemKonto on a party's behalf with a stated reason, create benefit-specific
// accounts for their own benefit types, and export the control list of the changes they made.
// Assignments wait for the holder's activation; the account in force stays until then.
@ApiTags('authorities and caseworkers')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('authority')
@UseGuards(RegistryAuthGuard)
@Roles('AUTHORITY', 'CASEWORKER')
export class AuthorityChannelController {
  constructor(
    private readonly register: RegisterAccountUseCase,
    private readonly controlList: ControlListQuery,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post('nemkonti')
  @HttpCode(200)
  @ApiOperation({ summary: "Assign a party's NemKonto on its behalf (pending until activated)" })
  async assign(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const who = actorOf(req);
    return changeAnswer(
      await this.register.execute(
        {
          party: party(b),
          action: 'ASSIGN',
          account: account(b),
          ...who,
          reason: reason(b, true),
          expectedVersion: expectedVersion(b),
        },
        this.clock.now(),
      ),
    );
  }

  @Post('benefit-accounts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or change a benefit-specific account for one of its benefit types' })
  async benefitAccount(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const id = req.principal?.id ?? '';
    const type = benefitType(b, true) ?? '';
    const [own] = (await this.dataSource.query(
      `SELECT 1 FROM channel_authorities WHERE authority_id = $1 AND $2 = ANY(benefit_types)`,
      [id, type],
    )) as unknown[];
    if (!own)
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_OWN_BENEFIT_TYPE',
        message: `benefit type ${type} is not paid by ${id}`,
      });
    return changeAnswer(
      await this.register.execute(
        {
          party: party(b),
          action: 'ASSIGN',
          account: account(b),
          benefit: { authorityId: id, benefitType: type },
          ...actorOf(req),
          reason: reason(b, true),
          expectedVersion: expectedVersion(b),
        },
        this.clock.now(),
      ),
    );
  }

  @Get('control-list')
  @ApiOperation({ summary: 'The changes this authority and its caseworkers made in a period (CSV or JSON)' })
  async exportControlList(
    @Req() req: RegistryRequest,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('format') format: unknown,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const period = { from: isoDate({ from }, 'from', ''), to: isoDate({ to }, 'to', '') };
    if (!period.from || !period.to || period.from > period.to)
      throw new InputError('PERIOD', 'from and to are dates YYYY-MM-DD with from ≤ to', 'from');
    const rows = await this.controlList.execute(req.principal?.id ?? '', period);
    if (format === 'json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ authorityId: req.principal?.id, ...period, changes: rows }));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="nemkonto-control-list-${req.principal?.id}-${period.from}-${period.to}.csv"`,
      'cache-control': 'no-store',
    });
    res.end(controlListCsv(rows));
  }
}

function actorOf(req: RegistryRequest): { channel: 'AUTHORITY' | 'CASEWORKER'; actor: string } {
  const p = req.principal as Principal;
  return { channel: p.role === 'CASEWORKER' ? 'CASEWORKER' : 'AUTHORITY', actor: p.actor };
}
