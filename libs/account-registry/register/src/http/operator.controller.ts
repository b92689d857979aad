import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ChainVerification, verifyChangeLog } from '../change-log/change-log';
import { PartyOverview, PartyOverviewQuery } from '../usecases/party-overview/party-overview.query';
import { ReplayRegisterUseCase } from '../usecases/replay-register.usecase';
import { SearchByAccountQuery, SearchHit } from '../usecases/search-by-account/search-by-account.query';
import { account, bodyOf, party, reason } from './registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

// Operators (the NemKonto office: an eID login, or the token whose SHA-256 is
// NK_OPERATOR_TOKEN_SHA256 for tools): inspect a party, find the parties an account is
// registered to (fraud cases), verify the change log, replay the register for projections.
// Every inspection and search states a reason and is written to the lookup audit.
@ApiTags('operators')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('operator')
@UseGuards(RegistryAuthGuard)
@Roles('OPERATOR')
export class RegistryOperatorController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replay: ReplayRegisterUseCase,
    private readonly overview: PartyOverviewQuery,
    private readonly search: SearchByAccountQuery,
  ) {}

  @Post('parties/inspect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Everything the register holds about a party (audited, with a reason)' })
  async inspect(
    @Req() req: RegistryRequest,
    @Body() body: unknown,
  ): Promise<PartyOverview & { partyId: string }> {
    const b = bodyOf(body);
    const p = party(b);
    const why = reason(b, true) ?? '';
    return this.dataSource.transaction(async (m) => {
      const view = await this.overview.execute(p, m);
      await audit(
        m.query.bind(m),
        [{ kind: p.kind, value: p.value }],
        req.principal?.actor ?? '',
        why,
        'INSPECTED',
      );
      return { ...view, partyId: p.value };
    });
  }

  @Post('parties/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'The parties an account is or was registered to (audited, with a reason)' })
  async searchByAccount(@Req() req: RegistryRequest, @Body() body: unknown): Promise<{ hits: SearchHit[] }> {
    const b = bodyOf(body);
    const a = account(b);
    const why = reason(b, true) ?? '';
    return this.dataSource.transaction(async (m) => {
      const hits = await this.search.execute(a, m);
      await audit(
        m.query.bind(m),
        hits.map((h) => h.party),
        req.principal?.actor ?? '',
        why,
        'FOUND_BY_ACCOUNT',
      );
      return { hits };
    });
  }

  @Get('change-log/verification')
  @ApiOperation({ summary: 'Recompute every hash of the change log and report the first break' })
  verify(): Promise<ChainVerification> {
    return verifyChangeLog(this.dataSource.manager);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: "Publish every party's current state again (projections rebuild from it)" })
  async replayAll(): Promise<{ parties: number }> {
    return { parties: await this.replay.execute() };
  }
}

async function audit(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  parties: readonly { kind: string; value: string }[],
  actor: string,
  why: string,
  outcome: string,
): Promise<void> {
  if (parties.length === 0) return;
  await query(
    `INSERT INTO lookup_audit (party_kind, party_id, channel, actor, purpose, outcome)
     SELECT kind, id, 'OPERATOR', $3, $4, $5 FROM unnest($1::text[], $2::text[]) AS t(kind, id)`,
    [parties.map((p) => p.kind), parties.map((p) => p.value), actor, why, outcome],
  );
}
