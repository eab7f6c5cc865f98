/** Reads routes and citations of a parsed procedure file for the per-skill corpus tests. */
import type { ProcedureFile } from './load-skill.js';

export type Route = ProcedureFile['routes'][number] & {
  title?: string;
  why?: string;
  window?: { opens: { amount: number; unit: string; after?: string }; closes: { amount: number; unit: string; after?: string }; cite?: string[] };
  dates?: Record<string, string>;
};

/** The route with this id, or an error naming the file's routes. */
export function procedureRoute(procedure: ProcedureFile, id: string): Route {
  const r = procedure.routes.find((x) => x.id === id);
  if (!r) throw new Error(`no route ${id}; routes: ${procedure.routes.map((x) => x.id).join(', ')}`);
  return r as Route;
}

/** Every reference id a procedure file cites: the `cite` lists and the tags inside note and period texts. */
export function procedureCitations(procedure: ProcedureFile): string[] {
  const ids: string[] = [];
  const fromList = (list?: string[]) => list?.forEach((c) => ids.push(c.split(',')[0]!.trim()));
  const fromText = (text: string) => {
    for (const m of text.matchAll(/\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,[^\]]*)?\]/g)) ids.push(m[1]!);
  };
  for (const r of procedure.routes as Route[]) {
    fromList(r.cite);
    fromList(r.deadline?.cite);
    fromList(r.window?.cite);
    for (const p of r.periods ?? []) {
      fromList(p.cite);
      fromText(p.text);
    }
    for (const n of r.notes ?? []) fromText(n.text);
  }
  return ids;
}
