import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Request paths in the order they came. */
  paths: string[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 answering by path; unknown paths get 404. */
export async function startFileServer(routes: Readonly<Record<string, Route>>): Promise<FileServer> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    paths.push(req.url ?? '');
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with these bytes, with a Content-Length. */
export function bytes(body: Uint8Array, contentType = 'application/octet-stream'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength }).end(body);
  };
}

/** Answers chunked (no Content-Length) with `count` chunks of `size` bytes. */
export function chunked(count: number, size: number, contentType = 'application/octet-stream'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    const chunk = Buffer.alloc(size, 0x61);
    let sent = 0;
    const more = () => {
      while (sent < count) {
        sent += 1;
        if (!res.write(chunk)) {
          res.once('drain', more);
          return;
        }
      }
      res.end();
    };
    more();
  };
}

export function redirect(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}
