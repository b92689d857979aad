import { Clock } from '@nemkonto/platform-service-kit';
import { copenhagenWallClock } from '@nemkonto/domain';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Asker, LookupAccountsUseCase, LookupAnswer } from '../usecases/lookup-accounts.usecase';
import { benefitType, bodyOf, isoDate, items, party } from './registry-input';
import { RegistryAuthGuard, RegistryRequest, Roles } from './registry-auth.guard';

export const MAX_BATCH_LOOKUPS = 10_000;

// Authorities (and their caseworkers) ask for the account in force for (party, their benefit type, date): their own
// benefit-specific account for it wins over the NemKonto. POST, so no CPR number is ever in a URL.
@ApiTags('lookups')
@ApiBearerAuth()
@Controller('lookups')
@UseGuards(RegistryAuthGuard)
@Roles('AUTHORITY', 'CASEWORKER')
export class LookupsController {
  // Today's date in Denmark, worked out once a minute (Intl's time-zone conversion took about as
  // long as the rest of a single lookup's controller code).
  private today = { minute: -1, date: '' };

  constructor(
    private readonly lookups: LookupAccountsUseCase,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'The account in force for one party on a date (default today)' })
  async one(@Req() req: RegistryRequest, @Body() body: unknown): Promise<LookupAnswer> {
    const b = bodyOf(body);
    const today = this.todayInDenmark();
    const [answer] = await this.lookups.execute(this.asker(req), [
      { party: party(b), benefitType: benefitType(b, false), date: isoDate(b, 'date', today) },
    ]);
    if (!answer) throw new Error('no answer');
    return answer;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Up to 10,000 lookups in one call, answered in order' })
  async batch(@Req() req: RegistryRequest, @Body() body: unknown): Promise<{ answers: LookupAnswer[] }> {
    const today = this.todayInDenmark();
    const queries = items(body, MAX_BATCH_LOOKUPS).map((item) => ({
      party: party(item),
      benefitType: benefitType(item, false),
      date: isoDate(item, 'date', today),
    }));
    return { answers: await this.lookups.execute(this.asker(req), queries) };
  }

  private todayInDenmark(): string {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.today.minute) this.today = { minute, date: copenhagenWallClock(now).date };
    return this.today.date;
  }

  private asker(req: RegistryRequest): Asker {
    const p = req.principal;
    return {
      channel: p?.role === 'CASEWORKER' ? 'CASEWORKER' : 'AUTHORITY',
      actor: p?.actor ?? '',
      authorityId: p?.id ?? '',
    };
  }
}
