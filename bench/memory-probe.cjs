/**
 * Preloaded into a server under benchmark (`node --expose-gc --require bench/memory-probe.cjs …`, spawned with an
 * IPC channel): on the message `measure`, runs two full collections and answers with `process.memoryUsage()` and
 * the size V8 keeps for each space of its heap, so
 * the benchmark reads what the server holds rather than where its collector happens to be. The server's own code
 * is untouched.
 */
'use strict';
const v8 = require('node:v8');
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message !== 'measure') return;
    const gc = globalThis.gc;
    if (typeof gc === 'function') {
      gc();
      gc();
    }
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    // What V8 keeps for each part of its heap, used or not (the young generation is `new_space`).
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
    process.send({ rss, heapUsed, heapTotal, external, spaces, collected: typeof gc === 'function' });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
