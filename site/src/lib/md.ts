/**
 * Markdown fields of the content (inline formatting, `code`, links) to HTML, with `marked`'s
 * inline parser. Content never holds raw HTML (the loader rejects it); any that slips through is
 * escaped here, so a field can never inject markup.
 */
import { Marked, type Tokens } from "marked";

const marked = new Marked({
  async: false,
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline: (t: Tokens.Generic[]) => string } }, token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const external = /^https?:\/\//.test(token.href);
      return `<a href="${escapeAttr(token.href)}"${external ? ' rel="noopener"' : ""}>${text}</a>`;
    },
  },
});

/** Inline Markdown → HTML (no paragraph wrapper). */
export function renderInline(text: string): string {
  return marked.parseInline(text.trim()) as string;
}

/** Markdown that may hold several paragraphs (blank lines) → HTML paragraphs. */
export function renderBlock(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${renderInline(p)}</p>`)
    .join("");
}

/** Escapes text for HTML content. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}
