/**
 * Preloaded into a server under benchmark (`node --expose-gc --require bench/memory-probe.cjs …`, spawned with an
 * IPC channel): on the message `measure`, runs two full collections and answers with `process.memoryUsage()`, so
 * the benchmark reads what the server holds rather than where its collector happens to be. The server's own code
 * is untouched.
 */
'use strict';
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message !== 'measure') return;
    const gc = globalThis.gc;
    if (typeof gc === 'function') {
      gc();
      gc();
    }
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send({ rss, heapUsed, heapTotal, external, collected: typeof gc === 'function' });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
