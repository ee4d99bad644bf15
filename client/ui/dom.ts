// Building the DOM without HTML strings: every piece of text goes in as a text node, so nothing a
// player types (names, messages) can ever be read as markup.

import { t } from "../i18n.ts";

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string;
  /** Text content (as text, never HTML). */
  text?: string;
  on?: Handlers;
  /** DOM properties that are not attributes (value, checked…). */
  value?: string;
  checked?: boolean;
  disabled?: boolean;
  selected?: boolean;
  hidden?: boolean;
  /** Any attribute: `false`, null and undefined leave it out, `true` sets it empty. */
  [attribute: string]: unknown;
}

const PROPS = new Set(["value", "checked", "disabled", "selected", "hidden"]);

export function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  if (typeof child === "string" || typeof child === "number") {
    parent.appendChild(document.createTextNode(String(child)));
    return;
  }
  parent.appendChild(child as Node);
}

function applyProps(el: Element, props: Props | undefined): void {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") {
      if (value) el.setAttribute("class", String(value));
    } else if (key === "text") {
      if (value !== undefined && value !== null) el.textContent = String(value);
    } else if (key === "on") {
      for (const [type, handler] of Object.entries(value as Handlers)) {
        if (handler) el.addEventListener(type, handler as EventListener);
      }
    } else if (PROPS.has(key)) {
      // A live property (value, checked, …), set as such: the attribute only holds the initial state.
      if (value !== undefined) Reflect.set(el, key, value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, String(value));
    }
  }
}

/** An element with attributes, handlers and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyProps(el, props ?? undefined);
  for (const c of children) append(el, c);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element; text children become text nodes too. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props ?? undefined);
  for (const c of children) append(el, c);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Replace an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  clear(el);
  for (const c of children) append(el, c);
}

let uid = 0;
/** A document-unique id for label/aria wiring. */
export function newId(prefix = "id"): string {
  return `${prefix}-${++uid}`;
}

/** A set of cleanups (event unbinding, timers) run once, in order, when a view goes away. */
export class Disposer {
  private fns: (() => void)[] = [];
  private done = false;
  add(fn: () => void): void {
    if (this.done) fn();
    else this.fns.push(fn);
  }
  listen<K extends keyof WindowEventMap>(target: Window, type: K, fn: (e: WindowEventMap[K]) => void): void;
  listen<K extends keyof DocumentEventMap>(target: Document, type: K, fn: (e: DocumentEventMap[K]) => void): void;
  listen(target: EventTarget, type: string, fn: (e: Event) => void): void;
  listen(target: EventTarget, type: string, fn: (e: never) => void): void {
    target.addEventListener(type, fn as EventListener);
    this.add(() => target.removeEventListener(type, fn as EventListener));
  }
  interval(fn: () => void, ms: number): void {
    const id = window.setInterval(fn, ms);
    this.add(() => window.clearInterval(id));
  }
  dispose(): void {
    if (this.done) return;
    this.done = true;
    for (const fn of this.fns.splice(0).reverse()) {
      try {
        fn();
      } catch (e) {
        console.error(e);
      }
    }
  }
  get disposed(): boolean {
    return this.done;
  }
}

/** Say something to screen readers (the polite live region in index.html). */
export function announce(text: string): void {
  const el = document.getElementById("announcer");
  if (!el) return;
  el.textContent = "";
  window.setTimeout(() => (el.textContent = text), 30);
}

/** A short message in the corner; errors stay until closed, others fade after a while. */
export function toast(text: string, kind: "info" | "error" = "info", ms = 6000): void {
  const host = document.getElementById("toasts");
  if (!host) return;
  const close = h("button", { class: "close", type: "button", "aria-label": t("common:dismiss"), text: "×" });
  const el = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, h("div", null, text), close);
  const remove = () => el.remove();
  close.addEventListener("click", remove);
  host.appendChild(el);
  while (host.children.length > 4) host.firstElementChild?.remove();
  if (kind !== "error" || ms > 0) window.setTimeout(remove, kind === "error" ? Math.max(ms, 10_000) : ms);
}

/** A keyboard-usable tab list (arrow keys, Home, End) over panels; returns a function selecting a tab by key. */
export function tabs<T extends string>(
  list: HTMLElement,
  items: { key: T; tab: HTMLElement; panel: HTMLElement }[],
  onSelect?: (key: T) => void,
): (key: T, focus?: boolean) => void {
  list.setAttribute("role", "tablist");
  const select = (key: T, focus = false) => {
    for (const item of items) {
      const on = item.key === key;
      item.tab.setAttribute("aria-selected", String(on));
      item.tab.tabIndex = on ? 0 : -1;
      item.panel.hidden = !on;
      if (on && focus) item.tab.focus();
    }
    onSelect?.(key);
  };
  items.forEach((item, i) => {
    const tabId = item.tab.id || newId("tab");
    const panelId = item.panel.id || newId("panel");
    item.tab.id = tabId;
    item.panel.id = panelId;
    item.tab.setAttribute("role", "tab");
    item.tab.setAttribute("aria-controls", panelId);
    item.panel.setAttribute("role", "tabpanel");
    item.panel.setAttribute("aria-labelledby", tabId);
    item.tab.addEventListener("click", () => select(item.key));
    item.tab.addEventListener("keydown", (e) => {
      let next = -1;
      if (e.key === "ArrowRight" || e.key === "ArrowDown") next = (i + 1) % items.length;
      else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = (i - 1 + items.length) % items.length;
      else if (e.key === "Home") next = 0;
      else if (e.key === "End") next = items.length - 1;
      if (next >= 0) {
        e.preventDefault();
        select(items[next]!.key, true);
      }
    });
  });
  return select;
}

/** A modal confirmation; resolves true when confirmed. Focus is kept inside and returned afterwards. */
export function confirmDialog(title: string, body: string, confirmLabel: string, danger = false): Promise<boolean> {
  return new Promise((resolve) => {
    const previous = document.activeElement as HTMLElement | null;
    const titleId = newId("dlg");
    const cancel = h("button", { class: "btn", type: "button", text: t("common:cancel") });
    const ok = h("button", { class: danger ? "btn btn-danger" : "btn btn-primary", type: "button", text: confirmLabel });
    const box = h(
      "div",
      { class: "dialog paper", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
      h("h2", { id: titleId, text: title }),
      h("p", { text: body }),
      h("div", { class: "actions" }, cancel, ok),
    );
    const backdrop = h("div", { class: "dialog-backdrop" }, box);
    const done = (value: boolean) => {
      backdrop.remove();
      previous?.focus?.();
      resolve(value);
    };
    cancel.addEventListener("click", () => done(false));
    ok.addEventListener("click", () => done(true));
    backdrop.addEventListener("keydown", (e) => {
      if (e.key === "Escape") done(false);
      if (e.key === "Tab") {
        e.preventDefault();
        (document.activeElement === ok ? cancel : ok).focus();
      }
    });
    document.body.appendChild(backdrop);
    cancel.focus();
  });
}
