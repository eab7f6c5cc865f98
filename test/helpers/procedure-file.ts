/**
 * Reads the procedure files (`skills/<name>/procedure.yaml`) and the fact vocabulary (`facts.yaml`) as their authors
 * wrote them, for the per-skill tests: routes by id, and every reference id a route cites.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './paths.js';

/** A rule counted from a date fact or an event, as written in a procedure file. */
export interface Rule {
  amount: number;
  unit: string;
  after?: string;
  before?: string;
  rule?: string;
  text?: string;
  cite?: string[];
  readings?: Array<Record<string, unknown>>;
}

/** One route of a procedure file. */
export interface Route {
  id: string;
  result?: string;
  title?: string;
  document?: string;
  why?: string;
  when: Record<string, unknown>;
  'if-unknown'?: Record<string, string>;
  'wins-over'?: string[];
  deadline?: Rule;
  periods?: Rule[];
  window?: { opens: Rule; closes: Rule; cite?: string[] };
  dates?: Record<string, string>;
  cite: string[];
  notes?: Array<{ text: string; when?: Record<string, unknown> }>;
}

/** A procedure file: its routes. */
export interface ProcedureFile {
  routes: Route[];
}

/** The procedure file of a skill of the shipped corpus. */
export async function readProcedure(skill: string): Promise<ProcedureFile> {
  return parse(await readFile(resolve(repoRoot, 'skills', skill, 'procedure.yaml'), 'utf8')) as ProcedureFile;
}

/** The routes of a skill's procedure file. */
export async function readProcedureFile(skill: string): Promise<Route[]> {
  return (await readProcedure(skill)).routes;
}

/** The corpus fact vocabulary `facts.yaml`. */
export async function readFactsVocabulary(): Promise<{
  facts: Record<string, { type: string; ask: Record<string, string>; event?: { en: string[] } }>;
  events: Record<string, { describe: string; en: string[] }>;
}> {
  return parse(await readFile(resolve(repoRoot, 'facts.yaml'), 'utf8'));
}

/** The route with this id, or an error naming the file's routes. */
export function procedureRoute(procedure: ProcedureFile, id: string): Route {
  const route = procedure.routes.find((r) => r.id === id);
  if (!route) throw new Error(`no route ${id}; routes: ${procedure.routes.map((r) => r.id).join(', ')}`);
  return route;
}

const TAG = /\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,[^\]]*)?\]/g;

/**
 * Every reference id a route cites: its `cite` lists (route, deadline and its readings, window, periods) and the
 * citation tags inside its texts (why, periods, notes).
 */
export function citedIds(route: Route): string[] {
  const lists = [route.cite ?? [], route.deadline?.cite ?? [], route.window?.cite ?? [], ...(route.periods ?? []).map((p) => p.cite ?? [])];
  for (const reading of route.deadline?.readings ?? []) lists.push((reading.cite as string[] | undefined) ?? []);
  const fromLists = lists.flat().map((c) => c.split(',')[0]!.trim());
  const texts = [route.why ?? '', ...(route.notes ?? []).map((n) => n.text), ...(route.periods ?? []).map((p) => p.text ?? '')];
  const inline = texts.flatMap((t) => [...t.matchAll(TAG)].map((m) => m[1]!));
  return [...fromLists, ...inline];
}

/** Every reference id a procedure file cites (see {@link citedIds}). */
export function procedureCitations(procedure: ProcedureFile): string[] {
  return procedure.routes.flatMap(citedIds);
}
