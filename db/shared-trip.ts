/**
 * A client whose batches asked for in the same turn of the event loop go to D1 together, in one
 * round trip: two parts of one answer that each send their first batch before waiting on any I/O
 * (a listing and the priority channels beside it) cost one trip, not two. The batch leaves on the
 * next timer, not the next microtask, so a part that first awaits something already at hand (a
 * taxonomy kept for this directory version) still joins it. A batch asked for later
 * goes on its own, as before; each caller gets its own results, or the batch's error.
 */
import type { Database } from './client.ts';

type Batch = Database['batch'];
type Item = Parameters<Batch>[0][number];

interface Waiting {
  items: Item[];
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

export function sharingTrips(db: Database): Database {
  let waiting: Waiting[] = [];
  const send = async () => {
    const now = waiting;
    waiting = [];
    const items = now.flatMap((w) => w.items);
    try {
      const results = items.length ? ((await db.batch(items as [Item, ...Item[]])) as unknown[]) : [];
      let at = 0;
      for (const w of now) {
        w.resolve(results.slice(at, at + w.items.length));
        at += w.items.length;
      }
    } catch (error) {
      for (const w of now) w.reject(error);
    }
  };
  const batch = (items: readonly Item[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (!waiting.length) setTimeout(() => void send(), 0);
      waiting.push({ items: [...items], resolve, reject });
    });
  // Everything else is the client's own (the prototype), only `batch` waits for the turn to end.
  return Object.assign(Object.create(db) as Database, { batch: batch as unknown as Batch });
}
