/**
 * Raw HTTP over node:net for the attack scripts (scripts/server-attacks.ts, issue 15, and
 * scripts/server-attacks-round-two.ts, issue 28): what a well-behaved client never sends, on
 * loopback, every wait bounded. (tests/server/helpers/raw-http.ts is the tests' own, richer kind.)
 */
import { connect, type Socket } from "node:net";

/** The operator token the attack servers are started with. */
export const TOKEN = "attack-operator-token-0123456789";

/** A step outcome the API accepts. */
export const OUTCOME = JSON.stringify({ code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" });

/** Opens a connection to 127.0.0.1:`port` (from `localAddress` when given) once it is connected. */
export function openSocket(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port, ...(localAddress ? { localAddress } : {}) }, () => resolve(s));
    s.once("error", reject);
  });
}

/** One raw request; resolves with the answer text once the server closes or after `waitMs`. */
export async function raw(port: number, data: string, waitMs = 5_000, encoding: BufferEncoding = "utf8"): Promise<string> {
  const s = await openSocket(port);
  return new Promise((resolve) => {
    let text = "";
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, waitMs);
    s.on("data", (c: Buffer) => (text += c.toString(encoding)));
    s.on("close", done);
    s.on("error", done);
    s.write(data);
  });
}

/** A POST of `body` as JSON, closing the connection after the answer. */
export const post = (path: string, body: string, extra = "") => `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
/** A GET, closing the connection after the answer. */
export const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${extra}\r\n`;
/** The status of the first answer in `text`, or "none". */
export const status = (text: string) => /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? "none";
/** A header of the first answer in `text`. */
export const header = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(text.split("\r\n\r\n")[0] ?? "")?.[1]?.trim();
