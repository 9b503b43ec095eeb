/**
 * Words that carry no meaning for a lookup. The knowledge base is written in English (the only
 * language it indexes), so these are English function words and the fragments contractions leave
 * behind ("couldn't" → "couldn", "t"), German function words (below), and words every page holds
 * ("error", "code"). They are left out of the index, of the query's scoring and of the "why" a
 * result shows.
 *
 * Hand-written rather than a stop-word package: the list is small, must match how MiniSearch
 * splits words (apostrophes split), and adds the product's own filler words.
 */
const ENGLISH = `a about above after again against all am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down during
each few for from further had hadn has hasn have haven having he her here hers herself him himself his
how i if in into is isn it its itself just let ll me more most mustn my myself no nor not now of off on
once only or other ought our ours ourselves out over own re same shan she should shouldn so some such
t than that the their theirs them themselves then there these they this those through to too under
until up ve very was wasn we were weren what when where which while who whom why will with won would
wouldn you your yours yourself yourselves d m s y also get got please`;

/**
 * German function words: people paste dialogs from German Windows, and these must not reach the
 * English index's fuzzy matching ("ist" → "list", "it", "is").
 */
const GERMAN = `aber als am an auch auf aus bei bin bis bitte da das dass dem den der des die dies doch du durch ein
eine einem einen einer eines er es für hat hatte ich ihr im in ist ja kann kein keine konnte mit nach
nicht noch nur oder sich sie sind so um und uns von vor war wir wird wurde zu zum zur`;

/** Words every page of a troubleshooting site holds; they never tell pages apart. */
const FILLER = "error errors code codes fehler hresult";

/** Every word left out of lookups (lower case). */
export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${GERMAN} ${FILLER}`.split(/\s+/).filter(Boolean));

/** Whether a word (already lower-cased) means nothing to a lookup: a stop word, or one character. */
export function isStopWord(word: string): boolean {
  return word.length < 2 || STOP_WORDS.has(word);
}
