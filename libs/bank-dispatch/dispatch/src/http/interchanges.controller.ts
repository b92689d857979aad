import { PartnerDocumentTypes, PartnerExchanges } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { OperatorGuard } from '@nemkonto/platform-service-kit';
import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface InterchangeRow {
  control_ref: string;
  bank_id: string;
  execution_date: string;
  payment_count: number;
  total_ore: string;
  status: string;
  created_at: Date;
  resent_count: number;
}

const REF = /^NK\d{12}$/;

// For operators: what was sent to which bank, and re-sending an interchange exactly as it was
// (same bytes, same control reference, so the bank recognises a duplicate).
@Controller('interchanges')
@UseGuards(OperatorGuard)
export class InterchangesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Get()
  async list(@Query('bank') bank?: string): Promise<object[]> {
    const rows = (await this.dataSource.query(
      `SELECT control_ref, bank_id, to_char(execution_date, 'YYYY-MM-DD') AS execution_date, payment_count, total_ore, status, created_at, resent_count
         FROM interchanges WHERE ($1::text IS NULL OR bank_id = $1) ORDER BY created_at DESC LIMIT 200`,
      [bank ?? null],
    )) as InterchangeRow[];
    return rows.map((r) => ({
      controlRef: r.control_ref,
      bankId: r.bank_id,
      executionDate: r.execution_date,
      paymentCount: r.payment_count,
      totalOre: Number(r.total_ore),
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      resentCount: r.resent_count,
    }));
  }

  @Post(':controlRef/resend')
  @HttpCode(202)
  async resend(
    @Param('controlRef') controlRef: string,
  ): Promise<{ controlRef: string; resentCount: number }> {
    if (!REF.test(controlRef)) throw new NotFoundException('no such interchange');
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `WITH u AS (UPDATE interchanges SET resent_count = resent_count + 1 WHERE control_ref = $1
                    RETURNING bank_id, document, resent_count)
         SELECT * FROM u`,
        [controlRef],
      )) as { bank_id: string; document: string; resent_count: number }[];
      if (!row) throw new NotFoundException(`no interchange ${controlRef}`);
      await this.outbox.enqueueDocuments(m, [
        {
          documentId: controlRef,
          exchange: PartnerExchanges.bankOrders,
          routingKey: row.bank_id,
          type: PartnerDocumentTypes.paymul,
          text: row.document,
          charset: 'iso-8859-1',
          contentType: 'application/EDIFACT',
          correlationId: controlRef,
        },
      ]);
      return { controlRef, resentCount: row.resent_count };
    });
  }
}
