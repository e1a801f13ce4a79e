// Shared set-up for crawl tests: a real Redis connection with a per-file key
// prefix (cleaned up after), a source built from defaults, and page collection.
import { Redis } from 'ioredis';
import { sourceSchema, type SourceConfig, type SourceConfigInput } from '../../../crawlers/sources/schema.js';
import type { FetchedPage } from '../../../crawlers/types.js';

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function connectRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 3, lazyConnect: false });
}

export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export function source(input: Partial<SourceConfigInput> & { seeds: string[] }): SourceConfig {
  // Test servers listen on 127.0.0.1, which a source must opt into.
  return sourceSchema.parse({ id: 'test', name: 'test source', rate: 200, concurrency: 4, allowPrivateAddresses: true, ...input });
}

export function collector() {
  const pages: FetchedPage[] = [];
  return {
    pages,
    onPage: async (page: FetchedPage) => {
      pages.push(page);
    },
    byPath(path: string) {
      return pages.find((p) => new URL(p.url).pathname + new URL(p.url).search === path);
    },
  };
}

export const TEST_UA = 'certwatch-test/1.0 (+https://example.invalid/bot)';
