/// <reference lib="dom" />
import { formatUtcDate } from '../../guidance/dates.js';
import { BridgeError, HostBridge, type InitializeResult } from './bridge.js';
import { pickLanguage, STRINGS, type Language } from './i18n.js';
import { planICalendar } from './ics.js';
import { readPlan, type Plan, type PlanProcedure } from './model.js';
import { renderMessage, renderPlan, type RenderContext } from './render.js';

/**
 * Entry point of the plan view (`ui://loket/plan.html`): connects to the host, waits for the tool result, and
 * shows the plan — or, for a result it cannot read, a plain message with the text content. Checklist ticks and
 * the current stage live in the view (and in local storage where the sandbox allows it).
 */

const APP_INFO = { name: 'loket-plan', version: '1.0.0' };

interface CallToolResult {
  content?: Array<{ type?: string; text?: string }>;
  structuredContent?: unknown;
  isError?: boolean;
}

type MessageKey = 'noHost' | 'unreadable' | 'toolError' | 'cancelled';

const state = {
  lang: pickLanguage(navigator.language) as Language,
  input: {} as Record<string, unknown>,
  capabilities: {} as Record<string, unknown>,
  context: {} as Record<string, unknown>,
  plan: undefined as Plan | undefined,
  screen: { kind: 'loading' } as { kind: 'loading' } | { kind: 'plan' } | { kind: 'message'; message: MessageKey; text?: string },
  checks: new Map<string, boolean>(),
  stages: new Map<string, number>(),
};

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // an opaque-origin sandbox has none
  }
}

const checkKey = (p: PlanProcedure, i: number) => `loket-plan:v1:${p.skill}:${p.documents[i]?.text.slice(0, 120) ?? i}`;
const stageKey = (p: PlanProcedure) => `loket-plan:v1:${p.skill}:stage`;

function isChecked(p: PlanProcedure, i: number): boolean {
  const key = checkKey(p, i);
  if (!state.checks.has(key)) {
    try {
      state.checks.set(key, storage()?.getItem(key) === '1');
    } catch {
      state.checks.set(key, false);
    }
  }
  return state.checks.get(key) === true;
}

function currentStage(p: PlanProcedure): number {
  const key = stageKey(p);
  if (!state.stages.has(key)) {
    let stored: number | undefined;
    try {
      stored = Number(storage()?.getItem(key) ?? NaN);
    } catch {
      stored = undefined;
    }
    state.stages.set(key, stored && p.stages.some((s) => s.index === stored) ? stored : (p.stages[0]?.index ?? 1));
  }
  return state.stages.get(key)!;
}

function remember(key: string, value: string): void {
  try {
    storage()?.setItem(key, value);
  } catch {
    // storage is a convenience; the state in memory is what counts
  }
}

const bridge = window.parent !== window ? new HostBridge(window.parent) : undefined;

let contextTimer: ReturnType<typeof setTimeout> | undefined;
/** Tells the host, for the model's next turn, where the person stands (hosts that accept context updates). */
function shareProgress(): void {
  if (!bridge || !state.capabilities.updateModelContext || !state.plan) return;
  clearTimeout(contextTimer);
  contextTimer = setTimeout(() => {
    const plan = state.plan!;
    const lines = plan.procedures.map((p) => {
      const done = p.documents.filter((_, i) => isChecked(p, i)).length;
      const stage = p.stages.length ? `at stage ${currentStage(p)} of ${p.stages.length}` : 'no stages';
      return `${p.title} (${p.skill}): ${stage}; documents ready ${done} of ${p.documents.length}.`;
    });
    bridge.request('ui/update-model-context', { content: [{ type: 'text', text: `Plan view progress: ${lines.join(' ')}` }] }).catch(() => undefined);
  }, 400);
}

function downloadFallback(ics: string): void {
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'loket-plan.ics';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const context: RenderContext = {
  get lang() {
    return state.lang;
  },
  get input() {
    return state.input;
  },
  isChecked,
  onCheck(p, i, checked) {
    const key = checkKey(p, i);
    state.checks.set(key, checked);
    remember(key, checked ? '1' : '0');
    shareProgress();
  },
  currentStage,
  onSetStage(p, index) {
    state.stages.set(stageKey(p), index);
    remember(stageKey(p), String(index));
    show(`[data-key="${CSS.escape(p.key)}"] li[data-stage="${index}"] .stage-pick`);
    shareProgress();
  },
  onWalk(p, index, status) {
    const t = STRINGS[state.lang];
    const stage = p.stages.find((s) => s.index === index);
    if (!bridge || !stage) return;
    const text = t.walkMessage(index, stage.title, p.skill, p.title);
    bridge
      .request<{ isError?: boolean }>('ui/message', { role: 'user', content: [{ type: 'text', text }] })
      .then((result) => {
        if (result?.isError) throw new BridgeError(-32000, 'message refused');
        state.stages.set(stageKey(p), index);
        remember(stageKey(p), String(index));
        show(`[data-key="${CSS.escape(p.key)}"] .walk`);
        const fresh = document.querySelector(`[data-key="${CSS.escape(p.key)}"] .stage-list .status`);
        if (fresh) fresh.textContent = t.sent;
        shareProgress();
      })
      .catch(() => {
        status.textContent = t.notSent;
      });
  },
  onCalendar(status) {
    const t = STRINGS[state.lang];
    if (!state.plan) return;
    const ics = planICalendar(state.plan, state.lang, formatUtcDate(new Date()));
    if (!ics) return;
    const fallback = () => {
      try {
        downloadFallback(ics);
        status.textContent = t.calendarReady;
      } catch {
        status.textContent = t.calendarFailed;
      }
    };
    if (!bridge || !state.capabilities.downloadFile) {
      fallback();
      return;
    }
    bridge
      .request<{ isError?: boolean }>('ui/download-file', {
        contents: [{ type: 'resource', resource: { uri: 'file:///loket-plan.ics', mimeType: 'text/calendar', text: ics } }],
      })
      .then((result) => {
        if (result?.isError) fallback();
        else status.textContent = t.calendarReady;
      })
      .catch(fallback);
  },
  onLink(event, url) {
    if (!bridge || !state.capabilities.openLinks) return;
    event.preventDefault();
    bridge.request('ui/open-link', { url }).catch(() => undefined);
  },
};

/** Replaces the page's content with the current screen; `focus` names an element to move the focus to. */
function show(focus?: string): void {
  const t = STRINGS[state.lang];
  document.documentElement.lang = state.lang;
  document.title = t.title;
  let main: HTMLElement;
  if (state.screen.kind === 'plan' && state.plan) {
    main = renderPlan(state.plan, context);
    main.querySelectorAll<HTMLElement>('section.procedure').forEach((el, i) => {
      const key = state.plan!.procedures[i]?.key;
      if (key) el.dataset.key = key;
    });
  } else if (state.screen.kind === 'message') {
    main = renderMessage(state.lang, t[state.screen.message], state.screen.text);
  } else {
    main = renderMessage(state.lang, t.loading);
  }
  document.getElementById('plan')?.replaceWith(main);
  if (focus) document.querySelector<HTMLElement>(focus)?.focus();
}

function textOf(result: CallToolResult): string {
  return (result.content ?? [])
    .filter((c) => c?.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text)
    .join('\n\n');
}

function onResult(result: CallToolResult): void {
  const text = textOf(result);
  if (result.isError) {
    state.plan = undefined;
    state.screen = { kind: 'message', message: 'toolError', text };
  } else {
    const plan = readPlan(result.structuredContent);
    state.plan = plan;
    state.screen = plan ? { kind: 'plan' } : { kind: 'message', message: 'unreadable', text };
  }
  show();
}

const THEME_VARIABLE = /^--[a-z0-9-]+$/;

function applyContext(update: Record<string, unknown>): void {
  state.context = { ...state.context, ...update };
  const root = document.documentElement;
  const theme = state.context.theme;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  const styles = state.context.styles as { variables?: Record<string, unknown> } | undefined;
  for (const [name, value] of Object.entries(styles?.variables ?? {})) {
    if (THEME_VARIABLE.test(name) && typeof value === 'string' && value.length <= 300) root.style.setProperty(name, value);
  }
  const locale = typeof state.context.locale === 'string' ? state.context.locale : navigator.language;
  state.lang = pickLanguage(locale);
}

async function start(): Promise<void> {
  if (!bridge) {
    state.screen = { kind: 'message', message: 'noHost' };
    show();
    return;
  }
  bridge.on('ui/notifications/tool-input', (params) => {
    state.input = (params.arguments as Record<string, unknown> | undefined) ?? {};
    if (state.screen.kind === 'plan') show();
  });
  bridge.on('ui/notifications/tool-result', (params) => onResult(params as CallToolResult));
  bridge.on('ui/notifications/tool-cancelled', () => {
    state.screen = { kind: 'message', message: 'cancelled' };
    show();
  });
  bridge.on('ui/notifications/host-context-changed', (params) => {
    applyContext(params);
    show();
  });
  let init: InitializeResult;
  try {
    init = await bridge.connect(APP_INFO, 15_000);
  } catch {
    state.screen = { kind: 'message', message: 'noHost' };
    show();
    return;
  }
  state.capabilities = init.hostCapabilities ?? {};
  applyContext(init.hostContext ?? {});
  show();
  bridge.reportSize();
}

void start();
