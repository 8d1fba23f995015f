import { Browser } from '@bookstore/mock-logto/next-auth';
import type { LogtoLocalProcess } from '../../../support/logto-local-process';
import { formAction } from '../../../support/logto-local-sign-in';

/** One page of logto-local's Account Center, as a browser without JavaScript sees it. */
export interface AccountPage {
  status: number;
  url: URL;
  body: string;
  /** Where a redirect off logto-local went (the app), if one did. */
  leftTo: URL | undefined;
}

/**
 * Drives `/account/phone` the way a person does: open it with the app's `redirect` and
 * `ui_locales`, then post each step's form with the signed-in browser's cookies.
 */
export class PhonePages {
  constructor(
    private readonly logto: LogtoLocalProcess,
    /** A browser signed in at logto-local (its session cookie). */
    readonly browser: Browser,
  ) {}

  async open(query: Record<string, string>): Promise<AccountPage> {
    const url = new URL('/account/phone', this.logto.origin);
    url.search = new URLSearchParams(query).toString();
    return this.go(url);
  }

  /** Posts the form of `page` whose action ends with `/step`, with `fields` besides its flow id. */
  async post(page: AccountPage, step: string, fields: Record<string, string> = {}) {
    const action = formAction(page.body, page.url, step);
    if (!action) throw new Error(`no ${step} form on the page:\n${page.body.slice(0, 1500)}`);
    return this.go(action, { form: { flow: flowIdOf(page.body), ...fields } });
  }

  private async go(url: URL, init?: { form: Record<string, string> }): Promise<AccountPage> {
    const step = await this.browser.follow(url, init);
    const left = step.url.origin === this.logto.origin ? undefined : step.url;
    return { status: step.response.status, url: step.url, body: step.body, leftTo: left };
  }
}

/** The flow id every form of the page carries. */
export function flowIdOf(html: string): string {
  const match = /name="flow" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no flow id on the page:\n${html.slice(0, 1500)}`);
  return match[1]!;
}

/** The page's visible text in one line, for assertions on what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A GET without any cookie, as another browser sends it. */
export function openWithoutSession(logto: LogtoLocalProcess, path: string) {
  return new Browser(logto.origin).request(path);
}
