import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { PrivatePayer } from '../../payers/private-payer';
import { payerById, savePayer } from '../../payers/private-payers.repository';
import { PrivatePayerError } from '../../private-payer.error';

// Operators register a private payer or replace its agreement (NKS agreement number, legal
// basis or consent, lookup mode, token, broker user, buckets, term). A payer with a broker user
// gets its answers queue at the registry's next partner-queue refresh (within 30 s).
@Injectable()
export class SavePrivatePayerUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(payer: PrivatePayer, apiTokenSha256: string): Promise<PrivatePayer> {
    try {
      return await this.dataSource.transaction(async (m) => {
        await savePayer(m, payer, apiTokenSha256);
        const saved = await payerById(m, payer.payerId);
        if (!saved) throw new Error('the payer vanished after it was saved');
        return saved;
      });
    } catch (err) {
      const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
      if (code === '23505')
        throw new PrivatePayerError(
          'PAYER_CONFLICT',
          'another payer has this NKS agreement number, token or broker user',
        );
      throw err;
    }
  }
}
