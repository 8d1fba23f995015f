/**
 * `npm run bench`: one table of ratios, each measured A against B in this run (alternating where
 * time matters), so a noisy machine moves both sides together. See BENCHMARKS.md.
 */
import { measureIdpRoundTrips, INJECTED_LATENCY_MS } from './idp-round-trips';
import { measureKillNine, measureLogtoLocal } from './logto-local-sign-ins';
import { logtoSizedTokens, signedInToken } from './logto-sized-session';
import { BENCH_ENV, buildApp, copyApp, firstLoadJs, startApp } from './next-build';
import { measureSessionCrypto } from './session-crypto';
import { measureSessionThroughput } from './session-throughput';
import { mean, percentile, printTable, ratio, type BenchRow } from './stats';
import { measureTestSuite } from './test-suite';

const ms = (value: number) => `${value.toFixed(0)} ms`;
const verdict = (met: boolean): BenchRow['verdict'] => (met ? 'met' : 'missed');
const step = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function main() {
  const rows: BenchRow[] = [];
  const started = Date.now();

  step('IdP round trips (20 warm sign-ins each, alternating)…');
  const idp = await measureIdpRoundTrips(20);
  const guideRequests = mean(idp.guide.requests);
  const oursRequests = mean(idp.ours.requests);
  rows.push({
    measure: 'IdP requests per warm sign-in (guide A / ours B)',
    a: guideRequests.toFixed(1),
    b: oursRequests.toFixed(1),
    ratio: ratio(oursRequests / guideRequests),
    target: 'B = 1',
    verdict: verdict(oursRequests === 1),
  });
  for (const p of [50, 95]) {
    const guide = percentile(idp.guide.callbackMs, p);
    const ours = percentile(idp.ours.callbackMs, p);
    rows.push({
      measure: `callback p${p} / one ${INJECTED_LATENCY_MS} ms round trip`,
      a: ratio(guide / INJECTED_LATENCY_MS),
      b: ratio(ours / INJECTED_LATENCY_MS),
      ratio: ratio(ours / guide),
      target: p === 50 ? 'B ≤ 1.3×' : '—',
      verdict: p === 50 ? verdict(ours / INJECTED_LATENCY_MS <= 1.3) : 'info',
    });
  }

  step('session cryptography in-process (Logto-sized cookie)…');
  const crypto = await measureSessionCrypto(
    signedInToken(await logtoSizedTokens()),
    BENCH_ENV.NEXTAUTH_SECRET,
  );
  const us = (value: number) => `${value.toFixed(0)} µs`;
  rows.push({
    measure: 'one decryption, key derived once (A: the floor) / next-auth decode (B)',
    a: us(crypto.decryptOnlyUs),
    b: us(crypto.nextAuthDecodeUs),
    ratio: ratio(crypto.decryptOnlyUs / crypto.nextAuthDecodeUs),
    target: '—',
    verdict: 'info',
  });
  rows.push({
    measure: 'encryption a re-issued cookie costs (A) / one decryption (B)',
    a: us(crypto.encodeUs),
    b: us(crypto.decryptOnlyUs),
    ratio: ratio(crypto.encodeUs / crypto.decryptOnlyUs),
    target: '—',
    verdict: 'info',
  });
  rows.push({
    measure: 'Auth.js v5 decode, after the move (A) / next-auth v4 decode (B)',
    a: us(crypto.authjsDecodeUs),
    b: us(crypto.nextAuthDecodeUs),
    ratio: ratio(crypto.authjsDecodeUs / crypto.nextAuthDecodeUs),
    target: '—',
    verdict: 'info',
  });

  step('next build --webpack in a temp copy…');
  const copy = copyApp();
  try {
    await buildApp(copy);
    const books = firstLoadJs(copy, '/books');
    const empty = firstLoadJs(copy, '/bench-empty');
    rows.push({
      measure: 'first-load JS, gzip (/books A / empty page B)',
      a: `${(books / 1024).toFixed(1)} kB`,
      b: `${(empty / 1024).toFixed(1)} kB`,
      ratio: ratio(books / empty),
      target: 'A/B ≤ 1.15×',
      verdict: verdict(books / empty <= 1.15),
    });

    step(
      'next start + autocannon (10 connections, 10 s each; /api/health, /api/me fresh and re-issued, /books gated and not, alternated)…',
    );
    const app = await startApp(copy);
    try {
      const reads = await measureSessionThroughput(app, 4, 10);
      const health = mean(reads.health);
      const meFast = mean(reads.meFast);
      const meReissue = mean(reads.meReissue);
      const books = mean(reads.books);
      const ungated = mean(reads.booksUngated);
      rows.push({
        measure: `req/s /api/me, fresh ${(reads.cookieBytes / 1024).toFixed(1)} KB cookie (A) / /api/health (B)`,
        a: meFast.toFixed(0),
        b: health.toFixed(0),
        ratio: ratio(meFast / health),
        target: 'A/B ≥ 0.6×',
        verdict: verdict(meFast / health >= 0.6),
      });
      rows.push({
        measure: 'req/s /api/me, cookie re-issued (A) / /api/health (B)',
        a: meReissue.toFixed(0),
        b: health.toFixed(0),
        ratio: ratio(meReissue / health),
        target: '—',
        verdict: 'info',
      });
      rows.push({
        measure: 'req/s gated SSR /books (A) / same page ungated (B)',
        a: books.toFixed(0),
        b: ungated.toFixed(0),
        ratio: ratio(books / ungated),
        target: 'A/B ≥ 0.8×',
        verdict: verdict(books / ungated >= 0.8),
      });
    } finally {
      await app.stop();
    }
  } finally {
    copy.remove();
  }

  step('logto-local: 10 sequential phone sign-ins, then 50 at once…');
  const local = await measureLogtoLocal(10, 50);
  const p50 = percentile(local.sequentialMs, 50);
  rows.push({
    measure: 'logto-local full phone sign-in p50 / one injected round trip',
    a: ms(p50),
    b: `${INJECTED_LATENCY_MS} ms`,
    ratio: ratio(p50 / INJECTED_LATENCY_MS),
    target: '—',
    verdict: 'info',
  });
  rows.push({
    measure: `logto-local ${local.concurrent} concurrent sign-ins: errors`,
    a: String(local.errors),
    b: String(local.concurrent),
    ratio: ratio(local.errors / local.concurrent),
    target: '0 errors',
    verdict: verdict(local.errors === 0),
  });
  if (local.firstError) step(`first logto-local error: ${local.firstError}`);
  rows.push({
    measure: `logto-local ${local.concurrent} concurrent sign-ins/s (A) / sequential sign-ins/s (B)`,
    a: (local.concurrent / (local.concurrentMs / 1000)).toFixed(1),
    b: (1000 / p50).toFixed(1),
    ratio: ratio(local.concurrent / (local.concurrentMs / 1000) / (1000 / p50)),
    target: '—',
    verdict: 'info',
  });

  step('logto-local: 40 first sign-ins at once, kill -9 after 20, restart…');
  const kill = await measureKillNine(40);
  rows.push({
    measure: 'logto-local after kill -9: accounts lost (A) / sign-ins it had acknowledged (B)',
    a: String(kill.usersLost),
    b: String(kill.acknowledged),
    ratio: ratio(kill.usersLost / kill.acknowledged),
    target: '0 lost',
    verdict: verdict(kill.usersLost === 0 && kill.refreshesLost === 0),
  });

  step('npm test…');
  const suite = await measureTestSuite();
  rows.push({
    measure: `npm test wall time / 40 s target${suite.passed ? '' : ' (suite FAILED)'}`,
    a: `${(suite.ms / 1000).toFixed(0)} s`,
    b: '40 s',
    ratio: ratio(suite.ms / 40_000),
    target: '≤ 1.00×',
    verdict: verdict(suite.ms <= 40_000),
  });

  console.log(printTable(rows));
  step(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
