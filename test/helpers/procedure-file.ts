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

/** One route of `skills/<name>/procedure.yaml`, as written by the author. */
export interface Route {
  id: string;
  result?: string;
  title?: string;
  document?: string;
  why?: string;
  when?: Record<string, unknown>;
  'if-unknown'?: Record<string, string>;
  deadline?: Rule;
  periods?: Rule[];
  cite?: string[];
  notes?: Array<{ text: string; when?: Record<string, unknown> }>;
}

/** The routes of a skill's procedure file. */
export async function readProcedureFile(skill: string): Promise<Route[]> {
  const text = await readFile(resolve(repoRoot, 'skills', skill, 'procedure.yaml'), 'utf8');
  return (parse(text) as { routes: Route[] }).routes;
}

/** The corpus fact vocabulary `facts.yaml`. */
export async function readFactsVocabulary(): Promise<{
  facts: Record<string, { type: string; ask: Record<string, string>; event?: { en: string[] } }>;
  events: Record<string, { describe: string; en: string[] }>;
}> {
  return parse(await readFile(resolve(repoRoot, 'facts.yaml'), 'utf8'));
}

const TAG = /\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:, [^\]]+)?\]/g;

/** Every reference id a route cites: its `cite` lists and the inline tags of its texts. */
export function citedIds(route: Route): string[] {
  const lists = [route.cite ?? [], route.deadline?.cite ?? [], ...(route.periods ?? []).map((p) => p.cite ?? [])];
  for (const r of route.deadline?.readings ?? []) lists.push((r.cite as string[] | undefined) ?? []);
  const fromLists = lists.flat().map((c) => c.split(',')[0]!.trim());
  const texts = [route.why ?? '', ...(route.notes ?? []).map((n) => n.text), ...(route.periods ?? []).map((p) => p.text ?? '')];
  const inline = texts.flatMap((t) => [...t.matchAll(TAG)].map((m) => m[1]!));
  return [...fromLists, ...inline];
}
