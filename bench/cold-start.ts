/**
 * Cold start over stdio: spawn → `initialize` → first `tools/list` answer, for `loket serve --stdio` and for the
 * reference filesystem server (`@modelcontextprotocol/server-filesystem`) serving the same SKILL.md files, which
 * additionally reads one SKILL.md with `read_text_file` after listing. Runs alternate between the two servers so
 * both see the same machine state; the ratio is taken from the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { findingFrom, profileDir } from './cpu-profile.js';
import { initialize, spawnStdio } from './stdio-client.js';
import { fmt, msSince, showSummary, summarize } from './stats.js';
import type { BenchContext, BenchResult } from './types.js';

const BUDGET_MS = 400;

interface Timing {
  toolsList: number;
  firstRead?: number;
}

/** `loket` as installed: bin/loket.js runs the compiled dist/ (built below), no TypeScript loader at start. */
function loketArgs(ctx: BenchContext, db: string, extra: string[] = []): string[] {
  return [...extra, join(ctx.repo, 'bin/loket.js'), 'serve', '--stdio', '--db', db];
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
  execFileSync(process.execPath, [join(ctx.repo, 'scripts/build.mjs')], { cwd: ctx.repo, stdio: 'ignore' });
  const db = join(ctx.tmp, 'cold-start.db');
  // One discarded start of each warms the OS file cache and tsx's transform cache, as on any developer machine.
  await timeLoket(ctx, db);
  await timeFilesystem(ctx);
  const loket: Timing[] = [];
  const fs: Timing[] = [];
  const ratios: number[] = [];
  const bare: number[] = [];
  const withTsx: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
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
    ctx.log(`cold-start ${i + 1}/${ctx.runs}: loket ${fmt(l!.toolsList)} ms, filesystem ${fmt(f!.toolsList)} ms`);
  }
  const lt = summarize(loket.map((t) => t.toolsList));
  const ft = summarize(fs.map((t) => t.toolsList));
  const lr = summarize(loket.map((t) => t.firstRead ?? Number.NaN));
  const fr = summarize(fs.map((t) => t.firstRead ?? Number.NaN));
  const rr = summarize(ratios);
  const pass = ctx.quick ? null : lt.median <= BUDGET_MS;
  const commands = [
    `node ${loketArgs(ctx, '<tmp>/cold-start.db').map((a) => a.replace(ctx.repo + '/', '')).join(' ')}`,
    `node ${filesystemArgs(ctx).map((a) => a.replace(ctx.repo + '/', '')).join(' ')}`,
  ];
  const markdown = [
    `Spawn → \`initialize\` → first \`tools/list\` answer, raw newline-delimited JSON-RPC over the child's stdio; ${ctx.runs} runs alternating the two servers (one discarded warm-up each). Then one file read: \`resources/read skill://arrival-in-belgium/SKILL.md\` (loket) vs \`read_text_file\` of the same file (filesystem).`,
    '',
    '| server | to `tools/list` (ms) | to first file read (ms) |',
    '|---|---|---|',
    `| loket \`serve --stdio\` (5 skills, SQLite store) | ${showSummary(lt)} | ${showSummary(lr)} |`,
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
        budget: `≤ ${BUDGET_MS} ms median`,
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
