// Raw HTTP over node:net, for what a well-behaved client never sends: encoded or absolute-form
// request lines, stalled bodies, resets right after the headers. Loopback only; every wait is bounded.
import { connect, type Socket } from "node:net";

export interface RawResult {
  /** Everything the server sent. */
  text: string;
  /** The status of the first response, or undefined when none came. */
  status: number | undefined;
  /** Lower-cased header names of the first response. */
  headers: Record<string, string>;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
  /** Milliseconds until the close (or the end of the wait). */
  ms: number;
}

/** Opens a connection to 127.0.0.1:`port` and resolves once it is connected. */
export function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Parses the first response's status and headers out of `text`. */
export function parseHead(text: string): { status: number | undefined; headers: Record<string, string> } {
  const end = text.indexOf("\r\n\r\n");
  const lines = (end < 0 ? text : text.slice(0, end)).split("\r\n");
  const status = /^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? "")?.[1];
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: status === undefined ? undefined : Number(status), headers };
}

/**
 * Writes `data` on a new connection, then waits (at most `waitMs`) for the server to close it,
 * collecting what it sends. The client never closes first; the connection is destroyed after the wait.
 */
export async function sendAndWait(port: number, data: string | Buffer, waitMs: number): Promise<RawResult> {
  const socket = await open(port);
  return collect(socket, waitMs, () => socket.write(data));
}

/** Collects what `socket` receives until the server closes it or `waitMs` passes. */
export function collect(socket: Socket, waitMs: number, start: () => void = () => {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let text = "";
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, ...parseHead(text), closed, ms: performance.now() - t0 });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    start();
  });
}

/** A one-shot request (`Connection: close`) and the server's whole answer. */
export function rawRequest(port: number, requestLine: string, headers: Record<string, string> = {}, body = ""): Promise<RawResult> {
  const all = { host: "127.0.0.1", connection: "close", ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}), ...headers };
  const head = `${requestLine}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;
  return sendAndWait(port, head + body, 5_000);
}
