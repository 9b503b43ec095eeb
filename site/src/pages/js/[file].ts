import { ISLANDS, bundleIsland } from "../../lib/islands-fs.ts";

export async function getStaticPaths() {
  const bundles = await Promise.all(ISLANDS.map((name) => bundleIsland(name)));
  return bundles.flatMap((b) => b.files.map((f) => ({ params: { file: f.file }, props: { name: b.name, file: f.file } })));
}

/** `/js/<island>.<hash>.js`: an island's entry, or one of its chunks. */
export async function GET({ props }: { props: { name: (typeof ISLANDS)[number]; file: string } }): Promise<Response> {
  const bundle = await bundleIsland(props.name);
  const file = bundle.files.find((f) => f.file === props.file);
  if (!file) return new Response("not found", { status: 404 });
  return new Response(file.code, { headers: { "content-type": "text/javascript" } });
}
