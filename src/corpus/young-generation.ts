import { setFlagsFromString } from 'node:v8';

/**
 * Loading a corpus and building its index allocate hundreds of megabytes of short-lived objects. V8 answers a burst
 * like that by doubling its young generation up to its maximum (32 MB on Node.js 20 and 22, 128 MB on 24) and
 * keeps that memory resident afterwards, whether or not the server ever allocates that fast again. While a
 * load runs, the young generation is kept at its starting size instead (the growth factor set to 1): the load
 * collects young garbage more often (about 7 % more CPU time for 1,000 skills; BENCHMARKS.md has the figures by
 * corpus size) and the process keeps 30–120 MB less after it. Once no load runs, the growth factor the process started with is restored, so request traffic can grow the
 * young generation again when it needs to. Module loading is left alone: holding it too cost the stdio
 * start more time (more scavenges) than the memory it saved.
 */
const FLAG = '--semi-space-growth-factor';

/** The growth factor the process was started with: V8's default, or one given on the command line or in NODE_OPTIONS. */
export function startingGrowthFactor(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number {
  let factor = 2;
  for (const arg of [...nodeOptions.split(/\s+/), ...execArgv]) {
    const m = /^--semi[-_]space[-_]growth[-_]factor=(\d+)$/.exec(arg);
    if (m) factor = Number(m[1]);
  }
  return factor;
}

let holders = 0;

/** Runs `work` with the young generation held at its current size; nested and concurrent calls share one hold. */
export async function withSmallYoungGeneration<T>(work: () => Promise<T>): Promise<T> {
  hold();
  try {
    return await work();
  } finally {
    release();
  }
}

/** {@link withSmallYoungGeneration} for synchronous work. */
export function withSmallYoungGenerationSync<T>(work: () => T): T {
  hold();
  try {
    return work();
  } finally {
    release();
  }
}

function hold(): void {
  if (holders++ === 0) setFlagsFromString(`${FLAG}=1`);
}

function release(): void {
  if (--holders === 0) setFlagsFromString(`${FLAG}=${startingGrowthFactor()}`);
}
