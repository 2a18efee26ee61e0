/**
 * A file written as its rows are read, a batch at a time, with Web Streams only (the same on
 * Node and Workers). Nothing is read ahead of the client (highWaterMark 0: a batch is read when
 * the last one has been taken), so memory holds one batch, whatever the file's size; a client
 * that hangs up stops the reading (cancel). A HEAD, whose body nobody reads, reads no batch.
 */
export interface FileParts<T> {
  head: string;
  /** The text of one batch of rows; `first` tells whether any row was written before it. */
  rows(batch: readonly T[], first: boolean): string;
  tail: string;
}

const encoder = new TextEncoder();

/**
 * A turn of the event loop. On Node, better-sqlite3 reads synchronously and a fast client's
 * socket takes each chunk at once (its drain comes on the next tick), so without a timer the
 * whole file would go out in one run of promise callbacks and every other request would wait for
 * its last byte (12.9 s for /healthz during a 100,000-row declarations.json). About 1 ms a batch.
 */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function streamFile<T>(batches: AsyncIterable<readonly T[]>, { head, rows, tail }: FileParts<T>): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  let written = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = started ? '' : head;
        started = true;
        // Until there is something to send: a batch whose rows were all deleted meanwhile is empty.
        while (text === '') {
          await nextTurn();
          const next = await iterator.next();
          if (next.done) {
            if (tail) controller.enqueue(encoder.encode(tail));
            controller.close();
            return;
          }
          if (next.value.length === 0) continue;
          text = rows(next.value, !written);
          written = true;
        }
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
