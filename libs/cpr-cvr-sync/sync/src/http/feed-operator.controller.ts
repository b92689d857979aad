import { OperatorGuard } from '@nemkonto/platform-service-kit';
import {
  BadRequestException,
  Controller,
  Get,
  HttpException,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { SyncError, httpStatusOf } from '../sync.errors';
import { FeedFileSummary, FeedQueries, SourceGaps } from '../usecases/feed-queries/feed-queries';
import { FeedFileReport } from '../usecases/ingest-feed-file/feed-file-report';
import { IngestFeedFileUseCase } from '../usecases/ingest-feed-file/ingest-feed-file.usecase';

// Uploads beyond this are refused: initial extracts go through `npm run sync:initial-load`.
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

// Operators (NK_OPERATOR_TOKEN_SHA256): upload a feed file (same handling as the drop
// directory), see the files received and the open sequence gaps per source.
@ApiTags('operators')
@ApiBearerAuth()
@Controller('operator/feed')
@UseGuards(OperatorGuard)
export class FeedOperatorController {
  constructor(
    private readonly ingest: IngestFeedFileUseCase,
    private readonly queries: FeedQueries,
    private readonly dataSource: DataSource,
  ) {}

  @Get('gaps')
  @ApiOperation({ summary: 'Open sequence gaps per feed source (sequence numbers only)' })
  gaps(): Promise<SourceGaps[]> {
    return this.queries.gaps();
  }

  @Get('files')
  @ApiOperation({ summary: 'Feed files received, newest first' })
  files(@Query('limit') limit?: string): Promise<FeedFileSummary[]> {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BadRequestException('limit must be 1-1000');
    return this.queries.files(n);
  }

  @Get('files/:fileId')
  @ApiOperation({ summary: "A feed file's report with its first malformed records (line and reason)" })
  async file(@Param('fileId', new ParseUUIDPipe()) fileId: string): Promise<FeedFileReport> {
    const [row] = (await this.dataSource.query(`SELECT * FROM feed_files WHERE file_id = $1`, [
      fileId,
    ])) as Parameters<IngestFeedFileUseCase['report']>[0][];
    if (!row) throw new NotFoundException('no such feed file');
    return this.ingest.report(row);
  }

  // The body is the file itself (any content type but JSON or a form), streamed to disk first:
  // it is read twice (its frame, then its records). 200 when applied or a duplicate, 422 when
  // refused as a whole.
  @Post('files')
  @ApiOperation({
    summary: 'Upload a feed file (fixed-width records, ISO 8859-1); applied like a dropped file',
  })
  async upload(
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @Query('name') name?: string,
  ): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'nk-feed-upload-'));
    const path = join(dir, 'upload.txt');
    try {
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done(
            bytes > MAX_UPLOAD_BYTES ? new HttpException('the file is larger than 512 MB', 413) : null,
            chunk,
          );
        },
      });
      await pipeline(req, limit, createWriteStream(path));
      const report = await this.ingest.execute(path, (name ?? `upload-${randomUUID()}`).slice(0, 255));
      res.statusCode = report.status === 'FAILED' ? 422 : 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(report));
    } catch (err) {
      if (err instanceof SyncError)
        throw new HttpException({ code: err.code, message: err.message }, httpStatusOf(err.code));
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
