import { Clock } from '@nemkonto/platform-service-kit';
import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ChangeResult, RegisterAccountUseCase } from '../usecases/register-account.usecase';
import { account, benefitType, bodyOf, expectedVersion, party, reason } from './registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

// Authorities (their caseworkers and case systems) assign a NemKonto on a party's behalf with a
// stated reason, and create benefit-specific accounts for their own benefit types. Both wait for
// the holder's activation; the account in force stays in force until then.
@ApiTags('authorities')
@ApiBearerAuth()
@Controller('authority')
@UseGuards(RegistryAuthGuard)
@Roles('AUTHORITY')
export class AuthorityChannelController {
  constructor(
    private readonly register: RegisterAccountUseCase,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post('nemkonti')
  @HttpCode(200)
  @ApiOperation({ summary: "Assign a party's NemKonto on its behalf (pending until activated)" })
  async assign(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const id = req.principal?.id ?? '';
    return this.answer(
      await this.register.execute(
        {
          party: party(b),
          action: 'ASSIGN',
          account: account(b),
          channel: 'AUTHORITY',
          actor: `authority:${id}`,
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
    if (!own) throw new ForbiddenException(`benefit type ${type} is not paid by ${id}`);
    return this.answer(
      await this.register.execute(
        {
          party: party(b),
          action: 'ASSIGN',
          account: account(b),
          benefit: { authorityId: id, benefitType: type },
          channel: 'AUTHORITY',
          actor: `authority:${id}`,
          reason: reason(b, true),
          expectedVersion: expectedVersion(b),
        },
        this.clock.now(),
      ),
    );
  }

  private answer(result: ChangeResult): ChangeResult {
    if (!result.ok && result.code === 'VERSION_CONFLICT')
      throw new ConflictException({ statusCode: 409, ...result });
    if (!result.ok) throw new NotFoundException({ statusCode: 404, ...result });
    return result;
  }
}
