import { AccountDto, MAX_PAYMENTS_PER_CHUNK, NoAccountPolicy } from '@nemkonto/contracts';
import {
  BundleRejection,
  BundleRejectionCode,
  DEFAULT_PAIN001_LIMITS,
  Pain001FormatError,
  PaymentRejectionCode,
  ValidPaymentInfo,
  checkControlTotals,
  readPain001,
} from '@nemkonto/payment-intake-pain001';
import { Outbox } from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentsRepository } from './payments.repository';
import { BundleState, Existing, hashing } from './bundle-state';
import { ReceiveBundleCommand } from './receive-bundle.command';
import { ReceiveBundleResult, RejectedPayment } from './receive-bundle.result';
import { DEFAULT_INTAKE_SETTINGS, INTAKE_SETTINGS, IntakeSettings } from '../../intake.settings';

const FLUSH_AT = 1000;
// A requested execution date further ahead than this is refused (answer 1): no payment waits
// in the schedule for years because of a typo in the year. Past dates are executed on the
// earliest day the bank can (see bank-dispatch).
const MAX_DAYS_AHEAD = 365;
const DAY_MS = 86_400_000;

class BundleRejected extends Error {
  constructor(readonly rejection: BundleRejection) {
    super(rejection.reason);
  }
}

interface AuthorityRow {
  no_account_policy: 'REJECT' | 'HOLD' | 'ERROR_ACCOUNT';
  hold_days: number;
  error_account: AccountDto | null;
}

// The authority's agreement for payments whose recipient has no account; a HOLD without days or an
// ERROR_ACCOUNT without an account cannot be stored (see the migration's CHECK).
function noAccountPolicyOf(row: AuthorityRow): NoAccountPolicy {
  if (row.no_account_policy === 'HOLD') return { kind: 'HOLD', days: row.hold_days };
  if (row.no_account_policy === 'ERROR_ACCOUNT' && row.error_account)
    return { kind: 'ERROR_ACCOUNT', account: row.error_account };
  return { kind: 'REJECT' };
}

// Receives one bundle: streams and checks it, stores the accepted payments and the rejections,
// and writes payments.received chunks to the outbox, all in one transaction, so the bundle is
// either received whole (with its per-payment rejections) or not at all. A resend of the same
// document gets the stored answer and changes nothing.
@Injectable()
export class ReceiveBundleUseCase {
  private readonly payments = new PaymentsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Optional()
    @Inject(INTAKE_SETTINGS)
    private readonly settings: IntakeSettings = DEFAULT_INTAKE_SETTINGS,
    @Optional() private readonly clock: Clock = new Clock(),
  ) {}

  // Receives the bundle in its own transaction.
  execute(cmd: ReceiveBundleCommand): Promise<ReceiveBundleResult> {
    return this.dataSource.transaction((m) => this.executeIn(m, cmd));
  }

  // Receives the bundle inside the caller's transaction (so the answers, the inbox row of the
  // message that carried it, and the bundle commit together). A savepoint undoes a bundle that
  // turns out to be rejected, keeping the caller's transaction usable for the rejection's answer.
  async executeIn(m: EntityManager, cmd: ReceiveBundleCommand): Promise<ReceiveBundleResult> {
    const hash = createHash('sha256');
    const state = new BundleState(cmd.authorityId);
    let contentHash: string | undefined;
    await m.query('SAVEPOINT receive_bundle');
    try {
      const document = hashing(cmd.document, hash);
      await readPain001(
        document,
        {
          onHeader: (h) => state.header(h),
          onPaymentInfo: (p) => state.paymentInfo(p),
          onTransaction: (t) => state.transaction(t),
          afterChunk: () => this.step(m, state),
        },
        { ...DEFAULT_PAIN001_LIMITS, maxBytes: this.settings.maxBundleBytes },
      );
      contentHash = hash.digest('hex');
      if (state.existing) {
        await m.query('ROLLBACK TO SAVEPOINT receive_bundle');
        return await this.answerForResend(m, state.existing, state.requireHeader().msgId, contentHash);
      }
      if (state.rejection) throw new BundleRejected(state.rejection);
      await this.step(m, state, true);
      const totals = checkControlTotals(state.requireHeader(), state.count, state.sumMicro);
      if (totals) throw new BundleRejected(totals);
      const result = await this.complete(m, state, contentHash);
      await m.query('RELEASE SAVEPOINT receive_bundle');
      return result;
    } catch (err) {
      if (!(err instanceof Pain001FormatError) && !(err instanceof BundleRejected)) throw err;
      await m.query('ROLLBACK TO SAVEPOINT receive_bundle');
      if (err instanceof Pain001FormatError)
        return {
          answer: 0,
          code: err.code,
          reason: err.message,
          documentHash: contentHash ?? hash.digest('hex'),
        };
      return this.reject(m, state, contentHash ?? hash.digest('hex'), err.rejection);
    }
  }

  // Runs after each input chunk: first use of the header, then flushing buffered payments.
  // A bundle-level problem is recorded and the rest of the document is still read (not processed),
  // so the stored content hash covers the whole document and a resend gets the same answer.
  private async step(m: EntityManager, state: BundleState, final = false): Promise<void> {
    if (state.rejection) return;
    try {
      if (state.needsLookup) await this.lookUp(m, state);
      for (const info of state.takeNewInfos()) {
        this.checkExecutionDate(info);
        await this.checkDebitAccount(m, state, info);
      }
    } catch (err) {
      if (!(err instanceof BundleRejected)) throw err;
      state.rejection = err.rejection;
      return;
    }
    if (state.existing) return;
    if (state.pending.length >= FLUSH_AT || (final && state.pending.length > 0)) {
      const batch = state.pending.splice(0);
      const duplicates = await this.payments.insert(m, state.bundleKey, state.authorityId, batch);
      for (const p of batch) {
        if (duplicates.has(p.payment.index)) {
          state.rejectPayment(
            p.payment.index,
            p.info.pmtInfId,
            p.payment.endToEndId,
            PaymentRejectionCode.END_TO_END_ID_DUPLICATE,
            'EndToEndId already used by this authority',
          );
        } else {
          state.accept(p.payment.amountOre);
        }
      }
    }
  }

  private async lookUp(m: EntityManager, state: BundleState): Promise<void> {
    state.needsLookup = false;
    const header = state.requireHeader();
    if (header.initiatingPartyId !== state.authorityId) {
      throw new BundleRejected({
        code: BundleRejectionCode.UNKNOWN_AUTHORITY,
        reason: `the bundle names authority ${header.initiatingPartyId.slice(0, 50)}, but was sent by ${state.authorityId}`,
      });
    }
    const [authority] = (await m.query(
      'SELECT no_account_policy, hold_days, error_account FROM authorities WHERE authority_id = $1',
      [state.authorityId],
    )) as AuthorityRow[];
    if (authority) state.policy = noAccountPolicyOf(authority);
    if (!authority)
      throw new BundleRejected({
        code: BundleRejectionCode.UNKNOWN_AUTHORITY,
        reason: `authority ${state.authorityId} has no agreement`,
      });
    const [existing] = (await m.query(
      'SELECT bundle_key, content_hash, status FROM bundles WHERE authority_id = $1 AND msg_id = $2',
      [state.authorityId, header.msgId],
    )) as Existing[];
    if (existing) {
      state.existing = existing;
      return;
    }
    await m.query(
      `INSERT INTO bundles (bundle_key, authority_id, msg_id, content_hash, status, payment_count, accepted_count, rejected_count, accepted_sum_ore)
       VALUES ($1, $2, $3, '', 'RECEIVED', 0, 0, 0, 0)`,
      [state.bundleKey, state.authorityId, header.msgId],
    );
  }

  private checkExecutionDate(info: ValidPaymentInfo): void {
    const latest = new Date(this.clock.now().getTime() + MAX_DAYS_AHEAD * DAY_MS).toISOString().slice(0, 10);
    if (info.requestedExecutionDate > latest) {
      throw new BundleRejected({
        code: BundleRejectionCode.EXECUTION_DATE_TOO_FAR,
        reason: `PmtInf ${info.pmtInfId}: ReqdExctnDt ${info.requestedExecutionDate} is more than ${MAX_DAYS_AHEAD} days ahead`,
      });
    }
  }

  private async checkDebitAccount(
    m: EntityManager,
    state: BundleState,
    info: ValidPaymentInfo,
  ): Promise<void> {
    const [known] = (await m.query(
      'SELECT 1 FROM authority_debit_accounts WHERE authority_id = $1 AND reg_no = $2 AND account_no = $3',
      [state.authorityId, info.debitRegNo, info.debitAccountNo],
    )) as unknown[];
    if (!known) {
      throw new BundleRejected({
        code: BundleRejectionCode.UNKNOWN_DEBIT_ACCOUNT,
        reason: `PmtInf ${info.pmtInfId}: debit account ${info.debitRegNo} ${info.debitAccountNo} is not registered for ${state.authorityId}`,
      });
    }
  }

  private async complete(
    m: EntityManager,
    state: BundleState,
    contentHash: string,
  ): Promise<ReceiveBundleResult> {
    await this.payments.insertRejections(m, state.bundleKey, state.rejected);
    await m.query(
      `UPDATE bundles SET content_hash = $2, payment_count = $3, accepted_count = $4, rejected_count = $5, accepted_sum_ore = $6
        WHERE bundle_key = $1`,
      [
        state.bundleKey,
        contentHash,
        state.count,
        state.acceptedCount,
        state.rejected.length,
        state.acceptedSumOre,
      ],
    );
    await this.enqueueChunks(m, state);
    return {
      answer: 1,
      status: 'RECEIVED',
      bundleKey: state.bundleKey,
      msgId: state.requireHeader().msgId,
      resend: false,
      paymentCount: state.count,
      acceptedCount: state.acceptedCount,
      acceptedSumOre: state.acceptedSumOre,
      rejected: state.rejected,
    };
  }

  private async enqueueChunks(m: EntityManager, state: BundleState): Promise<void> {
    const groups = await this.payments.debitGroups(m, state.bundleKey);
    const chunkCount = groups.reduce((n, g) => n + Math.ceil(g.count / MAX_PAYMENTS_PER_CHUNK), 0);
    let chunkIndex = 0;
    for (const g of groups) {
      for await (const payments of this.payments.pages(
        m,
        state.bundleKey,
        g.regNo,
        g.accountNo,
        MAX_PAYMENTS_PER_CHUNK,
      )) {
        await this.outbox.enqueue(
          m,
          'payments.received',
          {
            bundleKey: state.bundleKey,
            authorityId: state.authorityId,
            chunkIndex: chunkIndex++,
            chunkCount,
            debitAccount: { regNo: g.regNo, accountNo: g.accountNo },
            noAccountPolicy: state.policy,
            payments,
          },
          { correlationId: state.bundleKey },
        );
      }
    }
  }

  private async answerForResend(
    m: EntityManager,
    existing: Existing,
    msgId: string,
    contentHash: string,
  ): Promise<ReceiveBundleResult> {
    if (existing.content_hash !== contentHash) {
      return {
        answer: 1,
        status: 'REJECTED',
        msgId,
        code: BundleRejectionCode.BUNDLE_ID_REUSED,
        reason: `bundle id ${msgId} was already used for a bundle with other content`,
      };
    }
    const [b] = (await m.query(
      `SELECT status, rejection_code, rejection_reason, payment_count, accepted_count, accepted_sum_ore FROM bundles WHERE bundle_key = $1`,
      [existing.bundle_key],
    )) as {
      status: string;
      rejection_code: BundleRejectionCode;
      rejection_reason: string;
      payment_count: number;
      accepted_count: number;
      accepted_sum_ore: string;
    }[];
    if (b?.status === 'REJECTED')
      return { answer: 1, status: 'REJECTED', msgId, code: b.rejection_code, reason: b.rejection_reason };
    const rejected = (await m.query(
      `SELECT bundle_index AS index, pmt_inf_id AS "pmtInfId", end_to_end_id AS "endToEndId", code, reason
         FROM payment_rejections WHERE bundle_key = $1 ORDER BY bundle_index`,
      [existing.bundle_key],
    )) as RejectedPayment[];
    return {
      answer: 1,
      status: 'RECEIVED',
      bundleKey: existing.bundle_key,
      msgId,
      resend: true,
      paymentCount: b?.payment_count ?? 0,
      acceptedCount: b?.accepted_count ?? 0,
      acceptedSumOre: Number(b?.accepted_sum_ore ?? 0),
      rejected,
    };
  }

  // The rejection itself is recorded (so a resend gets the same answer), unless the bundle id
  // belongs to another bundle or the authority is unknown.
  private async reject(
    m: EntityManager,
    state: BundleState,
    contentHash: string,
    rejection: BundleRejection,
  ): Promise<ReceiveBundleResult> {
    const msgId = state.headerOrNull()?.msgId ?? null;
    if (msgId !== null && rejection.code !== BundleRejectionCode.UNKNOWN_AUTHORITY) {
      await m.query(
        `INSERT INTO bundles (bundle_key, authority_id, msg_id, content_hash, status, rejection_code, rejection_reason,
                              payment_count, accepted_count, rejected_count, accepted_sum_ore)
         VALUES ($1, $2, $3, $4, 'REJECTED', $5, $6, $7, 0, 0, 0) ON CONFLICT (authority_id, msg_id) DO NOTHING`,
        [randomUUID(), state.authorityId, msgId, contentHash, rejection.code, rejection.reason, state.count],
      );
    }
    return { answer: 1, status: 'REJECTED', msgId, ...rejection };
  }
}
