// Writes the JSON Schemas of procedure.yaml and facts.yaml to docs/schema/ (run: npm run schemas).
import { writeFileSync, mkdirSync } from 'node:fs';
import { JSON_SCHEMAS } from '../src/procedures/json-schema.js';

const dir = new URL('../docs/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, build] of Object.entries(JSON_SCHEMAS)) writeFileSync(new URL(name, dir), `${JSON.stringify(build(), null, 2)}\n`);
