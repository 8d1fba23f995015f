/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createClient } from 'redis';
import { REDIS_COMMAND_TIMEOUT_MS, redisAuthStore } from '@/lib/auth/redis/redis-store';
import { forgetInProcessAuthStore } from '@/lib/auth/core/auth-store';
import { freePort } from '../../../support/free-port';
import { describeWithRedis, startRedis, type RedisProcess } from '../../../support/redis-process';

jest.setTimeout(30_000);

describeWithRedis('the Redis store, against a real redis-server', () => {
  // Each store stands for one app instance: the in-process memory they would each have is
  // forgotten between the writes of one and the reads of the other.
  let redis: RedisProcess;
  const stores: { disconnect(): Promise<void> }[] = [];
  let warn: jest.SpyInstance;
  let info: jest.SpyInstance;

  function storeOf(url = redis.url, keyPrefix?: string) {
    const store = redisAuthStore({ url, keyPrefix });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    redis = await startRedis();
  });
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    info = jest.spyOn(console, 'info').mockImplementation(() => {});
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('lib.auth.redis.health')];
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.disconnect()));
    forgetInProcessAuthStore();
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** Reads until `done` holds (or 5 s pass), and returns the last value read. */
  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const until = Date.now() + 5_000;
    let value = await read();
    while (!done(value) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  }

  async function rawClient(url = redis.url) {
    const client = createClient({ url });
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  it('shares what one instance keeps with another, under its prefix, with a lifetime in Redis', async () => {
    await storeOf(redis.url, 'shop:').set('signed-out:a', '1', 60_000);
    forgetInProcessAuthStore();

    expect(await storeOf(redis.url, 'shop:').get('signed-out:a')).toBe('1');
    expect(await storeOf(redis.url, 'other:').get('signed-out:a')).toBeUndefined();
    const raw = await rawClient();
    const ttl = await raw.pTTL('shop:signed-out:a');
    raw.destroy();
    // The lifetime given, less the time two connections took (over a second on a loaded machine).
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(warn).not.toHaveBeenCalled();
  });

  it("prefixes keys with lib-auth: unless told otherwise, and forgets them when Redis's lifetime ends", async () => {
    await storeOf().set('k', 'v', 1_500);
    const raw = await rawClient();
    // On a busy machine the first connection may take longer than a command may wait: the write
    // then reaches Redis as soon as it connects.
    expect(
      await waitFor(
        () => raw.get('lib-auth:k'),
        (value) => value !== null,
      ),
    ).toBe('v');
    expect(
      await waitFor(
        () => raw.get('lib-auth:k'),
        (value) => value === null,
      ),
    ).toBeNull();
    raw.destroy();
  });

  it('answers from this process, at once, when Redis was never reachable, and says so once without the password', async () => {
    const url = `redis://app:s3cret@127.0.0.1:${await freePort()}`;
    const store = storeOf(url);
    const started = Date.now();
    await store.set('k', 'here', 60_000);
    expect(await store.get('k')).toBe('here');
    expect(await store.get('unknown')).toBeUndefined();
    // Refused at once (ECONNREFUSED): no read waits for a command's timeout.
    expect(Date.now() - started).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      /^\[auth\] Redis at redis:\/\/app:\*\*\*@127\.0\.0\.1:\d+ does not answer \(ECONNREFUSED\): sign-outs and refreshes are kept in this process only until it is back\.$/,
    );
    expect(JSON.stringify(warn.mock.calls)).not.toContain('s3cret');
  });

  it('keeps working while Redis is down, and sends what was written meanwhile once it is back', async () => {
    const own = await startRedis();
    const port = Number(new URL(own.url).port);
    const store = storeOf(own.url);
    await store.set('before', '1', 60_000);
    await own.stop();

    await store.set('during', '2', 60_000);
    expect(await store.get('during')).toBe('2');
    expect(await store.get('before')).toBe('1');
    expect(warn).toHaveBeenCalledTimes(1);

    const back = await startRedis(port);
    try {
      const until = Date.now() + 10_000;
      while (!info.mock.calls.length && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(info).toHaveBeenCalledWith(
        `[auth] Redis at ${own.url} answers again; 1 writes made meanwhile were sent.`,
      );
      forgetInProcessAuthStore();
      expect(await storeOf(own.url).get('during')).toBe('2');
    } finally {
      await back.stop();
    }
  });

  it("answers from this process's memory first, without asking Redis", async () => {
    const store = storeOf();
    await store.set('k', 'mine', 60_000);
    const raw = await rawClient();
    await raw.set('lib-auth:k', 'changed in Redis');
    raw.destroy();
    expect(await store.get('k')).toBe('mine');
  });

  it('sends what was written during an outage with the lifetime it has left, and not what expired', async () => {
    const own = await startRedis();
    const port = Number(new URL(own.url).port);
    const store = storeOf(own.url);
    await store.set('before', '1', 60_000);
    await own.stop();
    await store.set('long', '2', 60_000);
    await store.set('short', '3', 50);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const back = await startRedis(port);
    try {
      const raw = await rawClient(own.url);
      const ttl = await waitFor(
        () => raw.pTTL('lib-auth:long'),
        (value) => value > 0,
      );
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await raw.exists('lib-auth:short')).toBe(0);
      raw.destroy();
    } finally {
      await back.stop();
    }
  });

  it('closes its connection on disconnect(): Redis going away afterwards is no news', async () => {
    const own = await startRedis();
    const store = storeOf(own.url);
    await store.set('k', 'v', 60_000);
    await store.disconnect();
    await store.disconnect();
    await own.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses a URL that is not a Redis one, naming the variable', () => {
    expect(() => redisAuthStore({ url: 'localhost:6379' })).toThrow(
      'REDIS_URL must be a URL like redis://localhost:6379 (got "localhost:6379"). Leave it unset to keep sign-outs and refreshes in this process.',
    );
    expect(() => redisAuthStore({ url: 'http://localhost:6379' })).toThrow(/REDIS_URL must be/);
    expect(() => redisAuthStore({ url: 'not a url' })).toThrow(/REDIS_URL must be/);
    expect(() => storeOf('rediss://user:pw@redis.example:6380')).not.toThrow();
  });
});
