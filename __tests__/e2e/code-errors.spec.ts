import { expect, test } from './support/fixtures';
import { codeFromOutbox, enterCode, sendCodeAtProvider, submitPhoneInApp } from './support/flows';

test.describe('verification code mistakes', () => {
  test('a wrong code shows an error, and then the right code signs in', async ({
    page,
    stack,
    freshPhone,
    shoot,
  }) => {
    const phone = freshPhone();
    await page.goto('/books');
    await submitPhoneInApp(page, phone);
    const since = Date.now();
    await sendCodeAtProvider(page, stack);
    const code = await codeFromOutbox(stack, phone.e164, since);
    const wrong = code === '000000' ? '111111' : '000000';

    await enterCode(page, wrong);
    await expect(
      page.getByText('That code is not right. Check the message and try again (9 tries left).'),
    ).toBeVisible();
    await expect(page.getByLabel('Verification code')).toHaveAttribute('aria-invalid', 'true');
    await shoot('wrong-code');

    await enterCode(page, code);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(`${stack.app}/books`);
    await expect(page.getByRole('heading', { name: 'The catalogue' })).toBeVisible();
  });

  test('the code page counts down before a new code can be asked for', async ({
    page,
    stack,
    freshPhone,
    shoot,
  }) => {
    const phone = freshPhone();
    await page.goto('/signin');
    await submitPhoneInApp(page, phone);
    await sendCodeAtProvider(page, stack);
    const resend = page.getByRole('button', { name: /^Resend code in \d+ s$/ });
    await expect(resend).toBeVisible();
    await expect(resend).toBeDisabled();
    const first = Number(/\d+/.exec((await resend.textContent()) ?? '')?.[0]);
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(59);
    // The countdown ticks: the button shows a smaller number a moment later.
    await expect
      .poll(async () => Number(/\d+/.exec((await resend.textContent()) ?? '')?.[0]))
      .toBeLessThan(first);
    await shoot('resend-countdown');
  });
});
