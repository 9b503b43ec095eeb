import { ISLANDS, bundleIsland } from "../../lib/islands-fs.ts";

export async function getStaticPaths() {
  const bundles = await Promise.all(ISLANDS.map((name) => bundleIsland(name)));
  return bundles.map((b) => ({ params: { file: b.file }, props: { name: b.name } }));
}

/** `/js/<island>.<hash>.js`: an island bundle. */
export async function GET({ props }: { props: { name: (typeof ISLANDS)[number] } }): Promise<Response> {
  const bundle = await bundleIsland(props.name);
  return new Response(bundle.code, { headers: { "content-type": "text/javascript" } });
}
