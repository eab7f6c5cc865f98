import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import { guarded } from '../guarded.js';
import type { Corpus } from '../../corpus/types.js';

const SCHEME = 'reference://';

/** The URI of a registry entry. */
export function referenceUri(id: string): string {
  return `${SCHEME}${id}`;
}

/**
 * `reference://<id>`: the registry entry as JSON. An unknown id is a JSON-RPC `-32602` (resource not found),
 * per SPEC §5.
 */
export function registerReferenceResources(server: McpServer, corpus: Corpus): void {
  server.registerResource(
    'reference',
    new ResourceTemplate(`${SCHEME}{id}`, {
      list: () => ({
        resources: corpus.registry.list().map((reference) => ({
          uri: referenceUri(reference.id),
          name: reference.id,
          title: reference.short_title ?? reference.title,
          mimeType: 'application/json',
        })),
      }),
      complete: {
        id: (value) => corpus.registry.list().map((r) => r.id).filter((id) => id.startsWith(value)).slice(0, 100),
      },
    }),
    { title: 'Legal and official sources', description: 'Entries of the reference registry cited by skills', mimeType: 'application/json' },
    guarded('resource reference', (uri: URL, variables: Record<string, string | string[]>) => {
      const id = typeof variables.id === 'string' ? variables.id : '';
      const reference = corpus.registry.get(id);
      if (!reference || uri.href !== referenceUri(id)) throw new ResourceNotFoundError(uri.href);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: `${JSON.stringify(reference, null, 2)}\n` }] };
    }),
  );
}
