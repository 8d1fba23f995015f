import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Listens on loopback only: 127.0.0.1, and ::1 on the same port when the machine has IPv6
 * (Node may resolve `localhost` to ::1). Port 0 picks a free port. The handler is attached after
 * listening, because the issuer contains the port.
 */
export async function listenOnLoopback(port: number): Promise<{
  port: number;
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}> {
  let handler: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end('logto-local is starting');
  };
  const route: Handler = (req, res) => handler(req, res);

  const ipv4 = createServer(route);
  await listen(ipv4, port, '127.0.0.1');
  const chosenPort = (ipv4.address() as AddressInfo).port;
  const servers = [ipv4];

  const ipv6 = createServer(route);
  try {
    await listen(ipv6, chosenPort, '::1');
    servers.push(ipv6);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
      console.warn(`logto-local: not listening on [::1]:${chosenPort} (${code}); 127.0.0.1 only.`);
    }
  }

  return {
    port: chosenPort,
    setHandler(next) {
      handler = next;
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
