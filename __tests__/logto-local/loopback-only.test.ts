/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';

jest.setTimeout(60_000);

let logto: LogtoLocalProcess;
let port: number;

beforeAll(async () => {
  logto = await startLogtoLocal();
  port = Number(new URL(logto.origin).port);
});

afterAll(async () => {
  await logto?.stop();
});

/** A GET to 127.0.0.1 with any Host header (fetch does not let a caller set Host). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('a rebound attacker.example name cannot read the dev outbox and its codes', async () => {
  const answer = await getWithHost('/dev/sms.json', 'attacker.example');
  expect(answer.status).toBe(421);
  expect(answer.body).toContain('logto-local answers only for');
  expect(answer.body).not.toContain('"code"');
});

it('a forged Host cannot make discovery advertise another origin', async () => {
  const answer = await getWithHost(
    '/oidc/.well-known/openid-configuration',
    `evil.example:${port}`,
  );
  expect(answer.status).toBe(421);
  expect(answer.body).not.toContain('evil.example/oidc');
});

it('a foreign Host on the loopback port is refused even with the right port', async () => {
  expect((await getWithHost('/dev/sms', `attacker.example:${port}`)).status).toBe(421);
});

it.each(['localhost', '127.0.0.1', '[::1]'])('answers %s with its own port', async (name) => {
  const answer = await getWithHost('/oidc/.well-known/openid-configuration', `${name}:${port}`);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({ issuer: logto.issuer });
});

it('refuses a request with no Host header with a 400', async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /dev/sms.json HTTP/1.0\r\n\r\n');
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.[01] 400 /);
  expect(answer).toContain('needs a Host header');
});
