/**
 * The end of a diagnostic: the report panel and the hand-over to IT, in a bundle of their own so
 * the first visit downloads only the questions and steps (the report is needed at the end only).
 */
import "./diagnose.ts"; // loaded after the island: keeps its code in one chunk (diagnose/parts.ts)
export { reportSection } from "./diagnose/report.ts";
export { handover } from "./diagnose/handover.ts";
