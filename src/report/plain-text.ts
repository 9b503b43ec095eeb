import { plainText as markdownText } from "../model/index.ts";

/**
 * Markdown → plain words for the report, a link as "text (url)": reports are pasted into tickets
 * and mails, where Markdown marks show as they are and the address must survive.
 */
export function plainText(text: string): string {
  return markdownText(text, { links: "text-and-url" });
}
