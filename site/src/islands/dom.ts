/**
 * A tiny element builder for the islands. Text always goes in through `textContent`, never as
 * markup, so nothing a person pastes or types can become HTML.
 */
export type Child = Node | string | false | null | undefined;

/** Creates an element with attributes (strings; `true` for boolean attributes) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

/** Appends children; strings become text nodes. */
export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/**
 * Content Markdown (trusted, from the knowledge base) as DOM nodes: `code`, **bold**, *italic* and
 * [links](url), built node by node; everything else is text.
 */
export function md(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    if (m[1] !== undefined) frag.append(h("code", {}, m[1]));
    else if (m[2] !== undefined) frag.append(h("strong", {}, m[2]));
    else if (m[3] !== undefined) frag.append(h("em", {}, m[3]));
    else if (m[4] !== undefined && m[5] !== undefined) frag.append(h("a", { href: /^(https:\/\/|\/|#)/.test(m[5]) ? m[5] : "#" }, m[4]));
    last = re.lastIndex;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}
