import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SMS request as the Vonage SDK sent it to `POST /sms/json`. */
export interface RecordedSms {
  to: string;
  from: string;
  text: string;
  /** The `Authorization` header's scheme (`Basic`), never the credentials themselves. */
  authScheme: string;
}

/**
 * A stand-in for the Vonage SMS API (`POST /sms/json`) on 127.0.0.1: it records each message and
 * answers with status 0, or with the statuses queued through its control endpoints. logto-local
 * reaches it through `VONAGE_REST_HOST`. Test workers use the control endpoints over HTTP because
 * the stand-in lives in the Playwright main process, next to the servers it outlives:
 * - `GET /__e2e/messages` → `RecordedSms[]`, oldest first;
 * - `POST /__e2e/next-statuses` with `["4"]` → the next sends answer those statuses, in order.
 * @see https://developer.vonage.com/en/api/sms#send-an-sms
 */
export async function startVonageStandIn(): Promise<{ url: string; stop(): Promise<void> }> {
  const messages: RecordedSms[] = [];
  const queuedStatuses: string[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String((error as Error)?.message ?? error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.url === '/__e2e/messages') {
      res.end(JSON.stringify(messages));
      return;
    }
    if (req.method === 'POST' && req.url === '/__e2e/next-statuses') {
      queuedStatuses.push(...(JSON.parse(body) as string[]));
      res.end('{}');
      return;
    }
    if (req.method === 'POST' && req.url?.startsWith('/sms/json')) {
      const sms = JSON.parse(body) as { to: string; from: string; text: string };
      messages.push({
        to: sms.to,
        from: sms.from,
        text: sms.text,
        authScheme: (req.headers.authorization ?? '').split(' ')[0] ?? '',
      });
      const status = queuedStatuses.shift() ?? '0';
      const message =
        status === '0'
          ? {
              to: sms.to,
              'message-id': `e2e-${messages.length}`,
              status: '0',
              'remaining-balance': '10.00',
              'message-price': '0.01',
              network: '44010',
            }
          : { status, 'error-text': status === '4' ? 'Bad Credentials' : `Status ${status}` };
      res.end(JSON.stringify({ 'message-count': '1', messages: [message] }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: `no stand-in route for ${req.method} ${req.url}` }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
