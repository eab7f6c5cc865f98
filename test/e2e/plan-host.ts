/// <reference lib="dom" />
/**
 * A minimal MCP Apps host for the plan-view end-to-end test, built on the official host bridge (`AppBridge` of
 * `@modelcontextprotocol/ext-apps`). It renders the view's HTML in a sandboxed iframe (scripts only, opaque
 * origin, as hosts do), hands it a tool's input and result once the view is initialized, and records what the
 * view asks of the host: chat messages, downloads, links, model-context updates and size changes. Bundled by
 * esbuild in the test and injected into a blank page; nothing here touches the network.
 */
import { AppBridge, PostMessageTransport, type McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';

interface HostLog {
  initialized: boolean;
  messages: unknown[];
  downloads: unknown[];
  links: string[];
  contexts: unknown[];
  sizes: Array<{ width?: number; height?: number }>;
}

interface StartOptions {
  html: string;
  input: Record<string, unknown>;
  result: Record<string, unknown>;
  hostContext: McpUiHostContext;
  width: number;
}

declare global {
  interface Window {
    hostLog: HostLog;
    startHost: (options: StartOptions) => Promise<void>;
    changeHostContext: (context: McpUiHostContext) => void;
  }
}

window.hostLog = { initialized: false, messages: [], downloads: [], links: [], contexts: [], sizes: [] };

let bridge: AppBridge | undefined;

window.startHost = async ({ html, input, result, hostContext, width }) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.setAttribute('title', 'loket plan view');
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.width = `${width}px`;
  iframe.style.height = '400px';
  document.getElementById('chat')!.append(iframe);

  bridge = new AppBridge(
    null,
    { name: 'loket-test-host', version: '1.0.0' },
    { openLinks: {}, downloadFile: {}, message: { text: {} }, updateModelContext: { text: {} } },
    { hostContext: { ...hostContext, containerDimensions: { width, maxHeight: 6000 } } },
  );
  bridge.onmessage = async (params) => {
    window.hostLog.messages.push(params);
    return {};
  };
  bridge.ondownloadfile = async (params) => {
    window.hostLog.downloads.push(params);
    return {};
  };
  bridge.onopenlink = async ({ url }) => {
    window.hostLog.links.push(url);
    return {};
  };
  bridge.onupdatemodelcontext = async (params) => {
    window.hostLog.contexts.push(params);
    return {};
  };
  bridge.onsizechange = ({ width: w, height }) => {
    window.hostLog.sizes.push({ width: w, height });
    if (height) iframe.style.height = `${height}px`;
  };
  bridge.oninitialized = () => {
    window.hostLog.initialized = true;
    void bridge!.sendToolInput({ arguments: input }).then(() => bridge!.sendToolResult(result as Parameters<AppBridge['sendToolResult']>[0]));
  };
  const target = iframe.contentWindow!;
  await bridge.connect(new PostMessageTransport(target, target));
  iframe.srcdoc = html;
};

window.changeHostContext = (context) => {
  bridge?.setHostContext(context);
};
