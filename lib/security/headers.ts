/**
 * The security headers every response of the app sends (next.config.ts `headers()`).
 *
 * The Content-Security-Policy comes in two parts, because `next build` fixes these headers before
 * it has written the pages they go with. This header carries what only a header can say
 * (`frame-ancestors`) and what holds for every response; the page's own policy, with `script-src`
 * and the hashes of its inline scripts, is a `<meta>` in each HTML page (./document-policy.ts,
 * pages/_document.tsx). A browser enforces both.
 * `form-action` is left out on purpose: sign-out posts a form that redirects to the Logto tenant,
 * and Chromium checks the redirects of a form submission against `form-action`.
 * @see https://nextjs.org/docs/pages/guides/content-security-policy
 * @see https://www.w3.org/TR/CSP3/#multiple-policies
 * @see https://owasp.org/www-project-secure-headers/
 */
export function securityHeaders(options: {
  /** NEXTAUTH_URL; HSTS is sent only when the app is served over https. */
  appUrl: string | undefined;
}): { key: string; value: string }[] {
  const headers = [
    {
      key: 'Content-Security-Policy',
      // No page of the app may be framed: clickjacking of sign-in and sign-out.
      value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    },
    // For browsers without frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    {
      key: 'Permissions-Policy',
      value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    },
  ];
  if (isHttps(options.appUrl)) {
    // Two years, the value hstspreload.org asks for; subdomains are the deployer's to decide.
    headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000' });
  }
  return headers;
}

function isHttps(url: string | undefined): boolean {
  try {
    return new URL(url ?? '').protocol === 'https:';
  } catch {
    return false;
  }
}
