/**
 * The peer for the HTTP benchmark: one bare `echo` tool on the same SDK and the same wiring as `src/http/app.ts`
 * (`createMcpHandler` with `legacy: 'stateless'`, a fresh `McpServer` per request, `toNodeHandler` on a
 * `node:http` server bound to 127.0.0.1), without loket's guards, corpus or tools. Whatever this server costs per
 * request is the SDK's floor on this machine.
 *
 * Run: `node --import tsx bench/echo-server.ts [port]`; prints `listening on http://127.0.0.1:<port>/mcp` to stderr.
 */
import { createServer as createNodeServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';

/** Builds the per-request MCP server with its single tool. */
export function createEchoMcpServer(): McpServer {
  const server = new McpServer({ name: 'echo', version: '0.0.0' }, { capabilities: { tools: { listChanged: false } } });
  server.registerTool(
    'echo',
    {
      title: 'Echo',
      description: 'Returns its input.',
      inputSchema: z.strictObject({ text: z.string().max(1000) }),
      outputSchema: z.object({ text: z.string() }),
      annotations: { readOnlyHint: true },
    },
    (args: { text: string }) => ({ content: [{ type: 'text' as const, text: args.text }], structuredContent: { text: args.text } }),
  );
  return server;
}

/** An HTTP server answering MCP at `/mcp` with the echo tool (not yet listening). */
export function createEchoHttpServer(): Server {
  const mcp = createMcpHandler(() => createEchoMcpServer(), { legacy: 'stateless' });
  const handler = toNodeHandler(mcp);
  const server = createNodeServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/mcp') {
      res.writeHead(404).end();
      return;
    }
    void handler(req, res);
  });
  server.on('close', () => void mcp.close());
  return server;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = createEchoHttpServer();
  server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
    process.stderr.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
