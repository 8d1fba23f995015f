/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import {
  Outbox,
  OUTBOX_CAPACITY,
  OutboxSender,
  renderOutboxPage,
  type OutboxEntry,
} from '@/logto-local/sms';
import { SHIPPED_TEMPLATES, shippedText } from '../support/shipped-templates';

function clock(start = Date.parse('2030-01-02T03:04:05.000Z')) {
  let now = start;
  return () => new Date((now += 1000));
}

describe('the dev outbox', () => {
  it('lists messages newest first, each stamped with when it was sent', () => {
    const outbox = new Outbox({ now: clock() });
    outbox.record({ to: '+819012345678', text: 'a', code: '111111', usageType: 'SignIn' });
    outbox.record({ to: '+15555550100', text: 'b', code: '222222', usageType: 'Register' });

    expect(outbox.list()).toEqual([
      {
        to: '+15555550100',
        text: 'b',
        code: '222222',
        usageType: 'Register',
        sentAt: '2030-01-02T03:04:07.000Z',
      },
      {
        to: '+819012345678',
        text: 'a',
        code: '111111',
        usageType: 'SignIn',
        sentAt: '2030-01-02T03:04:06.000Z',
      },
    ]);
  });

  it(`keeps only the last ${OUTBOX_CAPACITY} messages`, () => {
    const outbox = new Outbox();
    for (let index = 0; index < OUTBOX_CAPACITY + 5; index += 1) {
      outbox.record({
        to: '+819012345678',
        text: `m${index}`,
        code: String(index).padStart(6, '0'),
        usageType: 'SignIn',
      });
    }
    const list = outbox.list();
    expect(list).toHaveLength(OUTBOX_CAPACITY);
    expect(list[0]?.text).toBe(`m${OUTBOX_CAPACITY + 4}`);
    expect(list.at(-1)?.text).toBe('m5');
  });

  it('cannot be rewritten through what list() returns', () => {
    const outbox = new Outbox();
    outbox.record({ to: '+819012345678', text: 'a', code: '111111', usageType: 'SignIn' });
    const [entry] = outbox.list() as [OutboxEntry];
    entry.code = '000000';
    expect(outbox.list()[0]?.code).toBe('111111');
  });

  it('receives the rendered message and prints exactly one terminal line with the masked number, code and usage type', async () => {
    const outbox = new Outbox();
    const lines: string[] = [];
    const sender = new OutboxSender(outbox, SHIPPED_TEMPLATES, (line) => lines.push(line));

    const result = await sender.send({
      to: '+819012345678',
      code: '123456',
      usageType: 'SignIn',
      locale: 'en',
    });

    expect(result).toEqual({ ok: true, via: 'outbox' });
    expect(lines).toEqual(['[sms] +81 90 **** 5678 ← code 123456 (SignIn)']);
    expect(outbox.list()).toEqual([
      expect.objectContaining({
        to: '+819012345678',
        code: '123456',
        usageType: 'SignIn',
        text: shippedText('SignIn', '123456'),
      }),
    ]);
  });
});

describe('the dev outbox page', () => {
  const entries: OutboxEntry[] = [
    {
      to: '+15555550100',
      text: 'newer text',
      code: '222222',
      usageType: 'Register',
      sentAt: '2030-01-02T03:04:07.000Z',
    },
    {
      to: '+819012345678',
      text: 'older text',
      code: '111111',
      usageType: 'SignIn',
      sentAt: '2030-01-02T03:04:06.000Z',
    },
  ];

  it('is a full HTML document that refreshes itself every 2 seconds', () => {
    const html = renderOutboxPage(entries);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta http-equiv="refresh" content="2">');
    expect(html).toContain('<title>Dev SMS outbox · logto-local</title>');
  });

  it('lists messages in the order given, newest first, with number, code, usage type, text and time', () => {
    const html = renderOutboxPage(entries);
    const newer = html.indexOf('222222');
    const older = html.indexOf('111111');
    expect(newer).toBeGreaterThan(-1);
    expect(older).toBeGreaterThan(newer);
    expect(html).toContain('<p class="code" aria-label="Code 222222">222222</p>');
    expect(html).toContain('+1 555 555 0100');
    expect(html).toContain('<dd>Register</dd>');
    expect(html).toContain('<pre class="text">newer text</pre>');
    expect(html).toContain('<time datetime="2030-01-02T03:04:07.000Z">');
  });

  it('shows an empty state when nothing has been sent', () => {
    const html = renderOutboxPage([]);
    expect(html).toContain('No messages yet.');
    expect(html).not.toContain('<ol');
  });

  it('speaks Japanese when asked', () => {
    const html = renderOutboxPage([], 'ja');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('まだメッセージはありません。');
  });

  it('escapes message text, so a template cannot inject markup', () => {
    const html = renderOutboxPage([
      { ...entries[0]!, text: '<script>alert("x")</script> & \'y\'', to: '<b>+1</b>' },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(html).toContain('&lt;b&gt;+1&lt;/b&gt;');
  });
});
