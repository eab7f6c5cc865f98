/**
 * Cold start over stdio: spawn → `initialize` → first `tools/list` answer, for `loket serve --stdio` and for the
 * reference filesystem server (`@modelcontextprotocol/server-filesystem`) serving the same SKILL.md files, which
 * additionally reads one SKILL.md with `read_text_file` after listing. Runs alternate between the two servers so
 * both see the same machine state; the ratio is taken from the same run.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findingFrom, profileDir } from './cpu-profile.js';
import { initialize, spawnStdio } from './stdio-client.js';
import { fmt, msSince, showSummary, summarize } from './stats.js';
import type { BenchContext, BenchResult } from './types.js';

/** Budget: loket's median time to `tools/list` over the filesystem server's, paired runs of the same run. */
const BUDGET_RATIO = 1.0;
/** Paired runs in full mode, at least (the budget is a median of ten or more). */
const MIN_FULL_RUNS = 10;

interface Timing {
  toolsList: number;
  firstRead?: number;
}

/** Where {@link stageInstall} puts the compiled server: inside the run's scratch folder, never the checkout. */
const stageOf = (ctx: BenchContext) => join(ctx.tmp, 'loket');

/**
 * `loket` as installed, staged in the scratch folder (once per run): `bin/` and `dist/` compiled from the
 * checkout's sources (the build script's `buildDist`), the checkout's node_modules linked beside them. The
 * checkout's own dist/ is neither used nor rebuilt.
 */
const installs = new Map<string, Promise<void>>();
function stageInstall(ctx: BenchContext): Promise<void> {
  let done = installs.get(stageOf(ctx));
  if (!done) installs.set(stageOf(ctx), (done = stage(ctx)));
  return done;
}

/** `bin/loket.js` of `loket` as installed (staged once per run), for benchmarks that run the server as users do. */
export async function installedLoket(ctx: BenchContext): Promise<string> {
  await stageInstall(ctx);
  return join(stageOf(ctx), 'bin/loket.js');
}

async function stage(ctx: BenchContext): Promise<void> {
  const stage = stageOf(ctx);
  mkdirSync(join(stage, 'bin'), { recursive: true });
  const { buildDist } = (await import(join(ctx.repo, 'scripts/build.mjs'))) as { buildDist: (src: string, out: string) => Promise<void> };
  await buildDist(join(ctx.repo, 'src'), join(stage, 'dist'));
  cpSync(join(ctx.repo, 'bin'), join(stage, 'bin'), { recursive: true });
  copyFileSync(join(ctx.repo, 'package.json'), join(stage, 'package.json'));
  symlinkSync(join(ctx.repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
}

/** `loket` as installed: bin/loket.js runs the compiled dist/ (staged above), no TypeScript loader at start. */
function loketArgs(ctx: BenchContext, db: string, extra: string[] = []): string[] {
  return [...extra, join(stageOf(ctx), 'bin/loket.js'), 'serve', '--stdio', '--root', ctx.repo, '--db', db];
}

function filesystemArgs(ctx: BenchContext): string[] {
  return [join(ctx.repo, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js'), join(ctx.repo, 'skills')];
}

async function timeLoket(ctx: BenchContext, db: string): Promise<Timing> {
  const start = process.hrtime.bigint();
  const peer = spawnStdio(process.execPath, loketArgs(ctx, db), { cwd: ctx.repo });
  try {
    await initialize(peer);
    const tools = (await peer.request('tools/list')) as { tools: unknown[] };
    const toolsList = msSince(start);
    if (!Array.isArray(tools.tools) || tools.tools.length === 0) throw new Error('loket answered tools/list without tools');
    const read = (await peer.request('resources/read', { uri: 'skill://arrival-in-belgium/SKILL.md' })) as { contents: unknown[] };
    if (!read.contents?.length) throw new Error('loket returned no contents for skill://arrival-in-belgium/SKILL.md');
    return { toolsList, firstRead: msSince(start) };
  } finally {
    await peer.close();
  }
}

async function timeFilesystem(ctx: BenchContext): Promise<Timing> {
  const start = process.hrtime.bigint();
  const peer = spawnStdio(process.execPath, filesystemArgs(ctx), { cwd: ctx.repo });
  try {
    await initialize(peer);
    const tools = (await peer.request('tools/list')) as { tools: unknown[] };
    const toolsList = msSince(start);
    if (!Array.isArray(tools.tools) || tools.tools.length === 0) throw new Error('filesystem server answered tools/list without tools');
    const read = (await peer.request('tools/call', {
      name: 'read_text_file',
      arguments: { path: join(ctx.repo, 'skills/arrival-in-belgium/SKILL.md') },
    })) as { content?: unknown[]; isError?: boolean };
    if (read.isError || !read.content?.length) throw new Error('filesystem server could not read SKILL.md');
    return { toolsList, firstRead: msSince(start) };
  } finally {
    await peer.close();
  }
}

/** Spawn → exit of a process that does nothing: the floor every Node server pays, with and without tsx. */
async function timeBaseline(args: string[], cwd: string): Promise<number> {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code}`))));
  });
  return msSince(start);
}

/** Runs the cold-start comparison. */
export async function runColdStart(ctx: BenchContext): Promise<BenchResult> {
  await stageInstall(ctx);
  const db = join(ctx.tmp, 'cold-start.db');
  // One discarded start of each warms the OS file cache and tsx's transform cache, as on any developer machine.
  await timeLoket(ctx, db);
  await timeFilesystem(ctx);
  const loket: Timing[] = [];
  const fs: Timing[] = [];
  const ratios: number[] = [];
  const bare: number[] = [];
  const withTsx: number[] = [];
  const runs = ctx.quick ? ctx.runs : Math.max(ctx.runs, MIN_FULL_RUNS);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['loket', 'fs'] : ['fs', 'loket'];
    let l: Timing | undefined;
    let f: Timing | undefined;
    for (const which of order) {
      if (which === 'loket') l = await timeLoket(ctx, db);
      else f = await timeFilesystem(ctx);
    }
    loket.push(l!);
    fs.push(f!);
    ratios.push(l!.toolsList / f!.toolsList);
    bare.push(await timeBaseline(['-e', '0'], ctx.repo));
    withTsx.push(await timeBaseline(['--import', 'tsx', join(ctx.repo, 'bench/empty.ts')], ctx.repo));
    ctx.log(`cold-start ${i + 1}/${runs}: loket ${fmt(l!.toolsList)} ms, filesystem ${fmt(f!.toolsList)} ms`);
  }
  const lt = summarize(loket.map((t) => t.toolsList));
  const ft = summarize(fs.map((t) => t.toolsList));
  const lr = summarize(loket.map((t) => t.firstRead ?? Number.NaN));
  const fr = summarize(fs.map((t) => t.firstRead ?? Number.NaN));
  const rr = summarize(ratios);
  const pass = ctx.quick ? null : rr.median <= BUDGET_RATIO;
  const commands = [
    `node ${loketArgs(ctx, '<tmp>/cold-start.db').map((a) => a.replace(ctx.tmp, '<tmp>').replace(ctx.repo + '/', '').replace(ctx.repo, '.')).join(' ')}`,
    `node ${filesystemArgs(ctx).map((a) => a.replace(ctx.repo + '/', '')).join(' ')}`,
  ];
  const markdown = [
    `Spawn → \`initialize\` → first \`tools/list\` answer, raw newline-delimited JSON-RPC over the child's stdio; ${runs} paired runs alternating the two servers (one discarded warm-up each). Then one file read: \`resources/read skill://arrival-in-belgium/SKILL.md\` (loket) vs \`read_text_file\` of the same file (filesystem).`,
    '',
    '| server | to `tools/list` (ms) | to first file read (ms) |',
    '|---|---|---|',
    `| loket \`serve --stdio\` (the repository's skills, SQLite store) | ${showSummary(lt)} | ${showSummary(lr)} |`,
    `| server-filesystem (same skills/ folder) | ${showSummary(ft)} | ${showSummary(fr)} |`,
    `| ratio loket / filesystem (per run) | ${showSummary(rr, '×')} | |`,
    `| floor: \`node -e 0\`, spawn → exit | ${showSummary(summarize(bare))} | |`,
    `| floor: \`node --import tsx bench/empty.ts\`, spawn → exit | ${showSummary(summarize(withTsx))} | |`,
  ].join('\n');
  const result: BenchResult = {
    name: 'cold-start',
    title: 'Cold start over stdio',
    markdown,
    budgets: [
      {
        what: 'stdio cold start to first `tools/list` answer',
        budget: `≤ ${BUDGET_RATIO.toFixed(1)}× server-filesystem (median of paired runs)`,
        measured: `${fmt(lt.median)} ms (${fmt(lt.min)}–${fmt(lt.max)})`,
        pass,
        peer: `server-filesystem ${fmt(ft.median)} ms`,
        ratio: `${fmt(rr.median)}×`,
      },
    ],
    commands,
    profiles: [],
  };
  if (pass === false) {
    const dir = await profileDir(ctx.tmp);
    const peer = spawnStdio(process.execPath, loketArgs(ctx, db, ['--cpu-prof', `--cpu-prof-dir=${dir}`]), { cwd: ctx.repo });
    await initialize(peer);
    await peer.request('tools/list');
    peer.child.stdin.end();
    await new Promise((resolve) => peer.child.once('exit', resolve));
    const finding = await findingFrom(dir, 'Cold start (spawn → tools/list), one run', `node --cpu-prof ${commands[0]!.slice(5)}`, ctx.repo);
    if (finding) result.profiles.push(finding);
  }
  return result;
}
