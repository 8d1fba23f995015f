/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { VonageSender, type SmsRequest } from '@/logto-local/sms';
import { SHIPPED_TEMPLATES, shippedText } from '../support/shipped-templates';

const CREDENTIALS = { apiKey: 'key-abc', apiSecret: 'secret-xyz', brandName: 'Bookstore' };

const REQUEST: SmsRequest = {
  to: '+819012345678',
  code: '482913',
  usageType: 'SignIn',
  locale: 'en',
};

interface CapturedRequest {
  url: string;
  authorization: string | null;
  contentType: string | null;
  body: Record<string, unknown>;
}

const captured: CapturedRequest[] = [];

/** Answers like the Vonage SMS API: HTTP 200 whatever happened, the outcome in messages[].status. */
function answerWithStatus(status: string, errorText?: string) {
  return async ({ request }: { request: Request }) => {
    captured.push({
      url: request.url,
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      body: (await request.json()) as Record<string, unknown>,
    });
    return HttpResponse.json({
      'message-count': '1',
      messages: [
        status === '0'
          ? {
              to: '819012345678',
              'message-id': '0C000000217B7F02',
              status: '0',
              'remaining-balance': '15.5',
            }
          : { status, 'error-text': errorText ?? 'Something went wrong' },
      ],
    });
  };
}

const server = setupServer(http.post('https://rest.nexmo.com/sms/json', answerWithStatus('0')));
const logLines: string[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  captured.length = 0;
  logLines.length = 0;
});
afterAll(() => server.close());

function vonageSender(options: { restHost?: string; timeoutMs?: number } = {}) {
  return new VonageSender({
    credentials: CREDENTIALS,
    templates: SHIPPED_TEMPLATES,
    log: (line) => logLines.push(line),
    ...options,
  });
}

describe('sending a code through Vonage', () => {
  it('posts to rest.nexmo.com with Basic auth, the brand as sender, a digits-only number and the code', async () => {
    const result = await vonageSender().send(REQUEST);

    expect(result).toEqual({ ok: true, via: 'vonage' });
    expect(captured).toHaveLength(1);
    const [sent] = captured as [CapturedRequest];
    expect(sent.url).toBe('https://rest.nexmo.com/sms/json');
    expect(sent.authorization).toBe(
      `Basic ${Buffer.from('key-abc:secret-xyz').toString('base64')}`,
    );
    expect(sent.contentType).toBe('application/json');
    expect(sent.body.from).toBe('Bookstore');
    expect(sent.body.to).toBe('819012345678');
    expect(sent.body.text).toBe(shippedText('SignIn', '482913'));
  });

  it('never puts the api secret in the request body or URL', async () => {
    await vonageSender().send(REQUEST);

    const [sent] = captured as [CapturedRequest];
    expect(sent.url).not.toContain('secret-xyz');
    expect(JSON.stringify(sent.body)).not.toContain('secret-xyz');
  });

  it('sends to the REST host it is given (VONAGE_REST_HOST)', async () => {
    server.use(http.post('http://vonage.test:4010/sms/json', answerWithStatus('0')));

    const result = await vonageSender({ restHost: 'http://vonage.test:4010' }).send(REQUEST);

    expect(result.ok).toBe(true);
    expect(captured.map((request) => request.url)).toEqual(['http://vonage.test:4010/sms/json']);
  });

  it('sends the configured text to a Japanese visitor too, as Logto sends one text whatever the language', async () => {
    await vonageSender().send({ ...REQUEST, locale: 'ja' });

    const [sent] = captured as [CapturedRequest];
    expect(sent.body.text).toBe(shippedText('SignIn', '482913'));
  });
});

describe('when Vonage refuses the message', () => {
  it.each([
    [
      '2',
      'Missing from param',
      'SMS could not be sent: the request to Vonage was missing a required parameter (status 2). Try again later or contact the site owner.',
    ],
    [
      '4',
      'Bad Credentials',
      'SMS could not be sent: the Vonage API key or secret is wrong or disabled (status 4). Try again later or contact the site owner.',
    ],
    [
      '9',
      'Quota Exceeded - rejected',
      'SMS could not be sent: the Vonage account is out of credit (status 9). Try again later or contact the site owner.',
    ],
    [
      '29',
      'Non White-listed Destination - rejected',
      'SMS could not be sent: the Vonage account is in demo mode and this number is not on its list of test numbers (status 29). Try again later or contact the site owner.',
    ],
  ])(
    'status %s (%s) becomes a message the person can act on',
    async (status, errorText, message) => {
      server.use(http.post('https://rest.nexmo.com/sms/json', answerWithStatus(status, errorText)));

      const result = await vonageSender().send(REQUEST);

      expect(result).toEqual({ ok: false, status, message });
    },
  );

  it('tells a Japanese visitor in Japanese, keeping the status', async () => {
    server.use(
      http.post(
        'https://rest.nexmo.com/sms/json',
        answerWithStatus('9', 'Quota Exceeded - rejected'),
      ),
    );

    const result = await vonageSender().send({ ...REQUEST, locale: 'ja' });

    expect(result).toEqual({
      ok: false,
      status: '9',
      message:
        'SMS を送信できませんでした：Vonage アカウントの残高が不足しています（ステータス 9）。時間をおいて再度お試しいただくか、サイト管理者にお問い合わせください。',
    });
  });

  it('keeps Vonage error-text in the message for a status it does not document', async () => {
    server.use(
      http.post('https://rest.nexmo.com/sms/json', answerWithStatus('99', 'Brand new failure')),
    );

    const result = await vonageSender().send(REQUEST);

    expect(result).toEqual({
      ok: false,
      status: '99',
      message:
        'SMS could not be sent: Vonage refused the message (status 99: Brand new failure). Try again later or contact the site owner.',
    });
  });

  it('logs one line with the status and error-text, never the secret or the code', async () => {
    server.use(
      http.post(
        'https://rest.nexmo.com/sms/json',
        answerWithStatus('9', 'Quota Exceeded - rejected'),
      ),
    );

    await vonageSender().send(REQUEST);

    expect(logLines).toHaveLength(1);
    const [line] = logLines as [string];
    expect(line).toContain('status 9');
    expect(line).toContain('Quota Exceeded - rejected');
    expect(line).not.toContain('secret-xyz');
    expect(line).not.toContain('482913');
  });

  it('lets the person retry: the next send goes out once Vonage accepts again', async () => {
    server.use(
      http.post(
        'https://rest.nexmo.com/sms/json',
        answerWithStatus('1', 'Throughput Rate Exceeded'),
        { once: true },
      ),
    );
    const sender = vonageSender();

    const first = await sender.send(REQUEST);
    const second = await sender.send(REQUEST);

    expect(first).toMatchObject({ ok: false, status: '1' });
    expect(second).toEqual({ ok: true, via: 'vonage' });
  });
});

describe('when Vonage cannot be reached', () => {
  it('a network error becomes a clear message and a log line, not an exception', async () => {
    server.use(http.post('https://rest.nexmo.com/sms/json', () => HttpResponse.error()));

    const result = await vonageSender().send(REQUEST);

    expect(result).toEqual({
      ok: false,
      message: 'SMS could not be sent: Vonage could not be reached. Try again in a minute.',
    });
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toContain('network');
  });

  it('an HTTP error from Vonage becomes a clear message', async () => {
    server.use(
      http.post(
        'https://rest.nexmo.com/sms/json',
        () => new HttpResponse('Bad gateway', { status: 502 }),
      ),
    );

    const result = await vonageSender().send({ ...REQUEST, locale: 'ja' });

    expect(result).toEqual({
      ok: false,
      message:
        'SMS を送信できませんでした：Vonage がエラーを返しました。1分ほどしてからもう一度お試しください。',
    });
  });

  it('a Vonage that never answers times out with a clear message', async () => {
    server.use(
      http.post('https://rest.nexmo.com/sms/json', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const result = await vonageSender({ timeoutMs: 50 }).send(REQUEST);

    expect(result).toEqual({
      ok: false,
      message: 'SMS could not be sent: Vonage did not answer in time. Try again in a minute.',
    });
  });
});
