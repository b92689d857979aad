// Linted as libs/domain: a promise nobody awaits.
async function publish(): Promise<void> {
  await Promise.resolve();
}

export function handle(): void {
  publish();
}
