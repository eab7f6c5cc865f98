import { RESOURCE_MIME_TYPE, registerAppResource } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/server';
import { guarded } from '../guarded.js';
import { planViewHtml } from './plan-html.js';

/**
 * The plan view, an MCP App (`io.modelcontextprotocol/ui`): `find_procedure` and `get_skill` name it in their
 * `_meta.ui`, and hosts that show Apps render their results with it — procedures, dates on a month calendar with
 * public holidays, the documents as a checklist, the stages, contested points and sources. Hosts without Apps
 * ignore the metadata and show the text content as before.
 */

export const PLAN_VIEW_URI = 'ui://loket/plan.html';

/** The `_meta` of a tool whose results the plan view shows. */
export const PLAN_VIEW_TOOL_META = { ui: { resourceUri: PLAN_VIEW_URI } } as const;

/**
 * Resource metadata: no network origins of any kind (the view is one self-contained document and its own CSP
 * refuses every fetch), and a visible border.
 */
const RESOURCE_UI_META = {
  ui: {
    csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] },
    prefersBorder: true,
  },
};

/** Registers `ui://loket/plan.html` (MIME `text/html;profile=mcp-app`). */
export function registerPlanView(server: McpServer): void {
  registerAppResource(
    server,
    'plan',
    PLAN_VIEW_URI,
    {
      title: 'Your plan',
      description: 'Interactive view of find_procedure and get_skill results: dates on a calendar, documents checklist, stages, contested points and sources',
      mimeType: RESOURCE_MIME_TYPE,
      _meta: RESOURCE_UI_META,
    },
    guarded('resource plan view', async (uri: URL) => ({
      contents: [{ uri: uri.href, mimeType: RESOURCE_MIME_TYPE, text: await planViewHtml(), _meta: RESOURCE_UI_META }],
    })),
  );
}
