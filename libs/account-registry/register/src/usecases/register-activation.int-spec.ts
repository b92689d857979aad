// Activation against the real Postgres: letters with codes kept only as HMACs, wrong codes and
// expiry, and the letter route's answers.
import { Outbox } from '@nemkonto/platform-messaging';
import { at, bank, citizen, cpr, dk, useRegisterLifecycle } from '../integration/register-lifecycle.fixture';
import { ExpireActivationsUseCase } from './expire-activations/expire-activations.usecase';
import { recordLetterOutcome } from './letters/record-letter-outcome';

jest.setTimeout(60_000);

describe('register activation (real Postgres)', () => {
  const { r, lookup, letters } = useRegisterLifecycle('activation');

  it('sends an activation letter with a code kept only as an HMAC; the code activates the account', async () => {
    const p = cpr(1);
    await r.register.execute({ party: p, action: 'ASSIGN', account: dk('1111'), ...bank }, at('2026-03-02'));
    const pending = await r.register.execute(
      { party: p, action: 'ASSIGN', account: dk('2222'), ...citizen },
      at('2026-03-03'),
    );
    expect(pending).toMatchObject({ ok: true, state: 'PENDING' });
    const [letter] = await letters(p.value);
    expect(letter).toMatchObject({ template: 'ACTIVATION', validUntil: '2026-05-02', account: dk('2222') });
    const code = letter?.activationCode ?? '';
    expect(code).toMatch(/^\d{8}$/);
    const [row] = (await r.ds.query(
      `SELECT activation_code_sha256 AS digest, letter_id FROM account_versions WHERE party_id = $1 AND state = 'PENDING'`,
      [p.value],
    )) as { digest: string; letter_id: string }[];
    expect(row?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.digest).not.toContain(code);
    expect(row?.letter_id).toBe(letter?.letterId);
    expect(await lookup(p, '2026-03-10')).toBe('0000001111');

    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect(await r.activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-10'))).toMatchObject({
      ok: false,
      code: 'WRONG_CODE',
      attemptsLeft: 2,
    });
    expect(await r.activate.execute({ party: p, code, ...citizen }, at('2026-03-10'))).toMatchObject({
      ok: true,
      purpose: 'NEMKONTO',
      effectiveFrom: '2026-03-10',
    });
    expect(await lookup(p, '2026-03-09')).toBe('0000001111');
    expect(await lookup(p, '2026-03-10')).toBe('0000002222');
    expect(await r.activate.execute({ party: p, code, ...citizen }, at('2026-03-11'))).toMatchObject({
      ok: false,
      code: 'NOTHING_PENDING',
    });
  });

  it('blocks a pending account after too many wrong codes, and refuses an expired code', async () => {
    const p = cpr(2);
    await r.register.execute(
      { party: p, action: 'ASSIGN', account: dk('3333'), ...citizen },
      at('2026-03-02'),
    );
    const code = (await letters(p.value))[0]?.activationCode ?? '';
    const wrong = code === '11111111' ? '22222222' : '11111111';
    for (const left of [2, 1])
      expect(await r.activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-03'))).toMatchObject(
        {
          code: 'WRONG_CODE',
          attemptsLeft: left,
        },
      );
    expect(await r.activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-03'))).toMatchObject({
      code: 'BLOCKED',
    });
    expect(await r.activate.execute({ party: p, code, ...citizen }, at('2026-03-03'))).toMatchObject({
      code: 'NOTHING_PENDING',
    });
    expect(await lookup(p, '2026-03-04')).toBe('NO_ACCOUNT');

    const q = cpr(3);
    await r.register.execute(
      { party: q, action: 'ASSIGN', account: dk('4444'), ...citizen },
      at('2026-03-02'),
    );
    const late = (await letters(q.value))[0]?.activationCode ?? '';
    expect(await r.activate.execute({ party: q, code: late, ...citizen }, at('2026-05-02'))).toMatchObject({
      code: 'CODE_EXPIRED',
    });
    expect(
      await new ExpireActivationsUseCase(r.ds, new Outbox('account-registry')).execute(at('2026-05-02')),
    ).toBe(1);
    const [state] = (await r.ds.query(`SELECT state FROM account_versions WHERE party_id = $1`, [
      q.value,
    ])) as {
      state: string;
    }[];
    expect(state?.state).toBe('EXPIRED');
  });

  it('records the letter route’s answer once and knows letters it never asked for', async () => {
    const p = cpr(4);
    await r.register.execute(
      { party: p, action: 'ASSIGN', account: dk('5555'), ...citizen },
      at('2026-03-02'),
    );
    const letterId = (await letters(p.value))[0]?.letterId ?? '';
    const answer = { letterId, outcome: 'UNDELIVERABLE' as const, reasonCode: 'NO_ADDRESS' };
    expect(await r.ds.transaction((m) => recordLetterOutcome(m, answer, at('2026-03-03')))).toBe(true);
    expect(
      await r.ds.transaction((m) =>
        recordLetterOutcome(m, { ...answer, outcome: 'SENT', reasonCode: null }, at('2026-03-04')),
      ),
    ).toBe(true);
    const [row] = (await r.ds.query(`SELECT outcome, reason_code FROM letters WHERE letter_id = $1`, [
      letterId,
    ])) as {
      outcome: string;
      reason_code: string;
    }[];
    expect(row).toEqual({ outcome: 'UNDELIVERABLE', reason_code: 'NO_ADDRESS' });
    expect(
      await r.ds.transaction((m) =>
        recordLetterOutcome(
          m,
          { ...answer, letterId: '00000000-0000-4000-8000-000000000000' },
          at('2026-03-04'),
        ),
      ),
    ).toBe(false);
  });
});
