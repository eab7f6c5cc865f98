import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Loading a corpus leaves the old generation of V8's heap fragmented: the load's short-lived objects (Markdown
 * trees, scanned texts, cache entries) are promoted while a skill is being built and die right after, on the same
 * pages as what the corpus keeps. A full collection frees them but moves only a few pages, so a 1,000-skill server
 * keeps 20–40 MB of half-empty pages resident for as long as it runs, and V8's memory reducer does not step in on a
 * process that then waits for requests. Once the corpus and its search index are built, the server compacts the
 * heap once: every page with live objects is evacuated, and the emptied pages go back to the system. It is a
 * one-off pause at start-up (BENCHMARKS.md has its length by corpus size); nothing runs it while serving.
 */
export function compactHeap(): void {
  try {
    const collect = fullCollection();
    if (!collect) return;
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      collect();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  } catch {
    // Memory is all this saves: a runtime that refuses the flags or the collection serves as it is.
  }
}

/**
 * A function that runs a full garbage collection: the process's own `gc` when it was started with `--expose-gc`,
 * otherwise one taken from a throw-away context made while the flag is on (the flag is turned off again at once,
 * so no other context, the main one included, gets a `gc`). Undefined when the runtime offers neither. The context
 * is made for each compaction and not kept, so it is collected with the rest once the compaction is over.
 */
function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  try {
    const made = runInNewContext('typeof gc === "function" ? gc : undefined') as unknown;
    return typeof made === 'function' ? (made as () => void) : undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
