/**
 * What one connection, one address and all clients together may hold open (issue 28, row 1).
 *
 * Node 20 parses every request a client pipelines on one connection at once and queues the
 * answers behind the first. When the client leaves without reading, the queued answers never
 * learn that their connection closed, so a file opened for one of them (a page from disk, a range,
 * a revalidation) stayed open for good: 100 connections of 200 pipelined GETs held 15,000 file
 * descriptors and 440 MB until a restart. Three bounds close that:
 * - a file stream handed to an answer is destroyed when its connection closes, queued or not;
 * - a connection may have at most `maxPipelined` requests waiting for their answers; one more
 *   closes it (browsers do not pipeline, so none of them comes near);
 * - at most `maxConnections` connections are open at once (Node's `server.maxConnections`), and
 *   at most `maxConnectionsPerAddress` from one client (IPv6 by its /64, as the rate limit counts).
 */
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { clientId } from "./rate-limit.ts";

export interface ConnectionGuard {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  maxPipelined: number;
}

interface SocketState {
  /** Requests read on this connection whose answers are not finished yet. */
  pending: number;
  /** Streams being sent (or queued to be sent) on this connection. */
  streams: Set<NodeJS.ReadableStream & { destroy(): void }>;
}

/** Installs the bounds; call before anything else registers hooks, so every stream is seen first. */
export function guardConnections(app: FastifyInstance, guard: ConnectionGuard): void {
  if (guard.maxConnections > 0) app.server.maxConnections = guard.maxConnections;
  if (guard.maxConnectionsPerAddress > 0) capPerAddress(app, guard.maxConnectionsPerAddress);

  const states = new WeakMap<Socket, SocketState>();
  const stateOf = (socket: Socket): SocketState => {
    let state = states.get(socket);
    if (!state) {
      const fresh: SocketState = { pending: 0, streams: new Set() };
      state = fresh;
      states.set(socket, fresh);
      socket.once("close", () => {
        for (const stream of fresh.streams) stream.destroy();
        fresh.streams.clear();
      });
    }
    return state;
  };

  app.addHook("onRequest", async (request, reply) => {
    const socket = request.raw.socket as Socket | null;
    if (!socket) return;
    const state = stateOf(socket);
    state.pending++;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      state.pending--;
    };
    reply.raw.once("finish", finished);
    reply.raw.once("close", finished);
    if (guard.maxPipelined > 0 && state.pending > guard.maxPipelined) {
      // Too many requests waiting on one connection: no answer, the connection is closed.
      reply.hijack();
      socket.destroy();
    }
  });

  app.addHook("onSend", async (request, _reply, payload) => {
    const stream = payload as { pipe?: unknown; destroy?: unknown; once?: unknown } | null;
    if (!stream || typeof stream.pipe !== "function" || typeof stream.destroy !== "function" || typeof stream.once !== "function") return payload;
    const socket = request.raw.socket as Socket | null;
    const s = stream as NodeJS.ReadableStream & { destroy(): void };
    if (!socket || socket.destroyed) {
      s.destroy();
      return payload;
    }
    const state = stateOf(socket);
    state.streams.add(s);
    s.once("close", () => state.streams.delete(s));
    return payload;
  });
}

/** Closes connections beyond `max` open at once from one client. */
function capPerAddress(app: FastifyInstance, max: number): void {
  const open = new Map<string, number>();
  app.server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return;
    const key = clientId(address);
    const n = (open.get(key) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
