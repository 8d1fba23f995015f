/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { connect } from 'node:net';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(60_000);

let logto: LogtoLocalProcess;

beforeAll(async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_RESEND_COOLDOWN: '0' });
});

afterAll(async () => {
  await logto?.stop();
});

/** Sends raw bytes to logto-local and resolves once it closes the connection. */
function sendRaw(bytes: string): Promise<string> {
  const port = Number(new URL(logto.origin).port);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

async function waitForOutput(pattern: RegExp) {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(logto.output()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('a malformed request body costs one log line, not a stack trace', async () => {
  const host = new URL(logto.origin).host;
  await sendRaw(
    `POST /oidc/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
  );
  await waitForOutput(/request failed/);
  const lines = logto.output().split('\n');
  expect(lines.filter((line) => line.includes('request failed'))).toEqual([
    expect.stringMatching(/^logto-local: request failed on POST \/oidc\/token.*Parse Error/),
  ]);
  expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
});

it('logs a new account with a masked phone number', async () => {
  const client = await bookstoreClient(logto);
  await signInWithPhone(logto, client, '+819012345678');
  await waitForOutput(/created account/);
  const created = logto
    .output()
    .split('\n')
    .filter((line) => line.includes('created account'));
  expect(created).toEqual([
    expect.stringMatching(/^logto-local: created account [a-z0-9]{12} for \+81 90 \*\*\*\* 5678$/),
  ]);
  expect(logto.output()).not.toContain('9012345678');
  expect(logto.output()).not.toContain('90 1234 5678');
});
