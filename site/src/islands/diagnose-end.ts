/**
 * The end of a diagnostic: the report panel and the hand-over to IT, in a bundle of their own so
 * the first visit downloads only the questions and steps (the report is needed at the end only).
 */
export { reportSection } from "./diagnose/report.ts";
export { handover } from "./diagnose/handover.ts";
