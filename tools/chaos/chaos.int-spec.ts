// The chaos run's small variant in the test suite: 20,000 payments from three authorities, each
// of the five services SIGKILLed once, and the broker and the database unreachable for a few
// seconds each. The outages are TCP proxy cuts between the services and the servers, so the
// shared Postgres and RabbitMQ are never restarted (docs/chaos.md).
import { IntegrationContext, createIntegrationContext } from '@nemkonto/testing';
import { ChaosResult, DEFAULT_RESTART_COMMANDS, chaosJsonLine, runChaos } from './chaos-run';

jest.setTimeout(600_000);

describe('chaos (small variant): kills and outages lose and duplicate nothing', () => {
  let infra: IntegrationContext;
  let result: ChaosResult;
  const lines: string[] = [];

  beforeAll(async () => {
    infra = await createIntegrationContext('chaos');
    const seed = Number(process.env['NK_CHAOS_SEED'] ?? Date.now() % 1_000_000);
    result = await runChaos(
      { dbUrl: infra.dbUrl, schema: infra.schema, amqpUrl: infra.amqpUrl, vhost: infra.vhost },
      {
        payments: 20_000,
        authorities: 3,
        bundlesPerAuthority: 4,
        killsPerService: 1,
        seed,
        outages: 'proxy',
        restartCommands: DEFAULT_RESTART_COMMANDS,
        windowSeconds: 60,
        timeoutSeconds: 420,
        logDir: process.env['NK_FLOW_LOGS'],
        log: (line) => lines.push(line),
      },
    );
    // The run's own account, for a failing CI log (the seed replays it).
    process.stdout.write(`${lines.join('\n')}\n${chaosJsonLine(result)}\n`);
  });

  afterAll(async () => {
    await infra?.dispose();
  });

  it('disrupted every service once, the broker and the database, and came back to quiescence', () => {
    expect(Object.values(result.kills)).toEqual([1, 1, 1, 1, 1]);
    expect(result.disruptions.filter((d) => /^(broker|database) unreachable/.test(d))).toHaveLength(2);
    expect(result.failedDisruptions).toBe(0);
    expect(result.quiescent).toBe(true);
    expect(result.recoverySeconds).toBeGreaterThanOrEqual(0);
  });

  it('gave every payment exactly one terminal state and one answer per answer kind', () => {
    expect(result.problems).toEqual({});
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.deadLettered).toBe(0);
    // All three kinds of fate were exercised: refused at reception, no account, bank answers.
    expect(result.byAnswer['2']).toBeGreaterThan(0);
    expect(result.byAnswer['7']).toBeGreaterThan(0);
    expect((result.byAnswer['8'] ?? 0) + (result.byAnswer['9'] ?? 0)).toBe(result.payable);
  });

  it('put every payable payment into exactly one PAYMUL credit, count and sum equal to the input', () => {
    expect(result.payments).toBe(20_000);
    expect(result.paymulCredits).toBe(result.payable);
    expect(result.paymulSumOre).toBe(result.payableSumOre);
    expect(result.sumMismatchOre).toBe(0);
  });
});
