import { siteLookupSplit } from "../../../../lib/lookup-split.ts";

/** Every file of the split search index: `/api/lookup/<version>/<shard>.json` and `…/words.json`. */
export function getStaticPaths() {
  return [...siteLookupSplit().files.keys()].map((path) => {
    const [version, file] = path.split("/") as [string, string];
    return { params: { version, part: file.replace(/\.json$/, "") } };
  });
}

export function GET({ params }: { params: { version: string; part: string } }): Response {
  const text = siteLookupSplit().files.get(`${params.version}/${params.part}.json`);
  if (text === undefined) return new Response("not found", { status: 404 });
  return new Response(text, { headers: { "content-type": "application/json" } });
}
