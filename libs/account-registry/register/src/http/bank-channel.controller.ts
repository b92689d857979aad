import { AccountDto } from '@nemkonto/contracts';
import { Clock } from '@nemkonto/platform-service-kit';
import {
  Body,
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
import { AccountChange, ChangeResult, RegisterAccountUseCase } from '../usecases/register-account.usecase';
import { PartyKey } from '../usecases/party-state';
import { changeAnswer } from './change-answer';
import { account, bodyOf, expectedVersion, items, party } from './registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

export const MAX_BULK = 1000;

// Banks register, change and close their customers' NemKonti. A bank may act only for accounts
// with its own reg.nr (Danish) or BIC (foreign): both the new account and, when closing, the one
// in force must be its own.
@ApiTags('banks')
@ApiBearerAuth()
@Controller('bank/nemkonti')
@UseGuards(RegistryAuthGuard)
@Roles('BANK')
export class BankChannelController {
  constructor(
    private readonly register: RegisterAccountUseCase,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Register or change a customer's NemKonto (active at once)" })
  async assign(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const change = await this.assignment(req, b);
    return changeAnswer(await this.register.execute(change, this.clock.now()));
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: "Close a customer's NemKonto (the bank's own account only)" })
  async close(@Req() req: RegistryRequest, @Body() body: unknown): Promise<ChangeResult> {
    const b = bodyOf(body);
    const p = party(b);
    const bankId = req.principal?.id ?? '';
    const current = await this.inForce(p);
    if (!current) throw new NotFoundException('the party has no NemKonto in force');
    if (!(await this.owns(bankId, current)))
      throw new ForbiddenException('the NemKonto in force is not at this bank');
    return changeAnswer(
      await this.register.execute(
        {
          party: p,
          action: 'CLOSE',
          channel: 'BANK',
          actor: `bank:${bankId}`,
          expectedVersion: expectedVersion(b),
        },
        this.clock.now(),
      ),
    );
  }

  // Up to 1,000 registrations in one transaction; each item gets its own result, and an item the
  // bank may not make is refused without stopping the others.
  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register or change up to 1,000 NemKonti at once' })
  async bulk(
    @Req() req: RegistryRequest,
    @Body() body: unknown,
  ): Promise<{ results: (ChangeResult | { ok: false; code: string; message: string })[] }> {
    const list = items(body, MAX_BULK);
    const results: (ChangeResult | { ok: false; code: string; message: string } | null)[] = [];
    const changes: { at: number; change: AccountChange }[] = [];
    for (const [i, item] of list.entries()) {
      try {
        changes.push({ at: i, change: await this.assignment(req, item) });
        results.push(null);
      } catch (err) {
        const response = (err as { getResponse?: () => unknown }).getResponse?.() as
          { code?: string; message?: string } | undefined;
        if (!response) throw err;
        results.push({
          ok: false,
          code: response.code ?? 'FORBIDDEN',
          message: String(response.message ?? err),
        });
      }
    }
    const now = this.clock.now();
    const done = await this.dataSource.transaction((m) =>
      this.register.executeIn(
        m,
        changes.map((c) => c.change),
        now,
      ),
    );
    changes.forEach((c, j) => (results[c.at] = done[j] ?? null));
    return { results: results.map((r) => r ?? { ok: false, code: 'INTERNAL', message: 'no result' }) };
  }

  private async assignment(req: RegistryRequest, b: Record<string, unknown>): Promise<AccountChange> {
    const bankId = req.principal?.id ?? '';
    const p = party(b);
    const a = account(b);
    if (!(await this.owns(bankId, a)))
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_THIS_BANK',
        message: 'the account is not at this bank (reg.nr or BIC)',
      });
    return {
      party: p,
      action: 'ASSIGN',
      account: a,
      channel: 'BANK',
      actor: `bank:${bankId}`,
      expectedVersion: expectedVersion(b),
    };
  }

  private async owns(bankId: string, a: AccountDto): Promise<boolean> {
    if (a.kind === 'DK') {
      const [row] = (await this.dataSource.query(
        `SELECT 1 FROM channel_bank_reg_ranges WHERE bank_id = $1 AND $2::int BETWEEN reg_from AND reg_to`,
        [bankId, Number(a.regNo)],
      )) as unknown[];
      return row !== undefined;
    }
    const [row] = (await this.dataSource.query(`SELECT bic FROM channel_banks WHERE bank_id = $1`, [
      bankId,
    ])) as {
      bic: string | null;
    }[];
    return (
      row?.bic !== null &&
      row?.bic !== undefined &&
      a.bic !== null &&
      a.bic.slice(0, 8) === row.bic.slice(0, 8)
    );
  }

  private async inForce(p: PartyKey): Promise<AccountDto | null> {
    const [row] = (await this.dataSource.query(
      `SELECT account FROM account_versions
        WHERE party_kind = $1 AND party_id = $2 AND purpose = 'NEMKONTO' AND state = 'ACTIVE' AND effective_to IS NULL`,
      [p.kind, p.value],
    )) as { account: AccountDto }[];
    return row?.account ?? null;
  }
}
