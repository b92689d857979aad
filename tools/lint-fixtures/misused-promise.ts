// Linted as libs/domain: an async function where a void callback is expected.
export function onEach(items: string[], save: (item: string) => Promise<void>): void {
  items.forEach(async (item) => {
    await save(item);
  });
}
