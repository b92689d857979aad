import { OperatorGuard } from '@nemkonto/platform-service-kit';
import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ChainVerification, verifyChangeLog } from '../change-log/change-log';
import { ReplayRegisterUseCase } from '../usecases/replay-register.usecase';

// Operators (NK_OPERATOR_TOKEN_SHA256): verify the change log's chain; publish the whole register
// again for consumers' projections (enrichment's rebuild).
@ApiTags('operators')
@ApiBearerAuth()
@Controller('operator')
@UseGuards(OperatorGuard)
export class RegistryOperatorController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replay: ReplayRegisterUseCase,
  ) {}

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
