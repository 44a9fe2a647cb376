// eventually(assertion): retries an assertion until it passes or the timeout ends, for outcomes that
// arrive asynchronously. Polling with a deadline, never a fixed sleep, is how tests synchronise.
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeout = 5000, interval = 25 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
