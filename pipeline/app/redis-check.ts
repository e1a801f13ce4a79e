// Checks the Redis under the queues as BullMQ's production guide asks: keys never evicted
// (maxmemory-policy noeviction, else refuse) and persistence on (AOF or RDB, else warn loudly).
import { redactUrl } from '../../core/redact-url.js';
import type { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.js';

export interface RedisSettings {
  /** undefined when neither CONFIG nor INFO told us (managed services may hide both). */
  maxmemoryPolicy?: string;
  appendonly?: boolean;
  /** RDB save points ('' when off); undefined when CONFIG is not allowed. */
  save?: string;
}

export interface RedisVerdict {
  /** Set when the queues must not run on this Redis; names the setting to change. */
  refuse?: string;
  warnings: string[];
}


function infoField(info: string, field: string): string | undefined {
  const m = new RegExp(`^${field}:(.*)$`, 'm').exec(info);
  return m ? m[1]!.trim() : undefined;
}

async function configGet(redis: Redis, key: string): Promise<string | undefined> {
  try {
    const r = (await redis.call('CONFIG', 'GET', key)) as string[];
    return r.length >= 2 ? String(r[1]) : undefined;
  } catch {
    // Renamed or forbidden CONFIG (managed Redis, ACLs): INFO is the fallback.
    return undefined;
  }
}

export async function readRedisSettings(redis: Redis): Promise<RedisSettings> {
  const [policy, aof, save] = await Promise.all([configGet(redis, 'maxmemory-policy'), configGet(redis, 'appendonly'), configGet(redis, 'save')]);
  const settings: RedisSettings = { maxmemoryPolicy: policy, appendonly: aof === undefined ? undefined : aof === 'yes', save };
  if (settings.maxmemoryPolicy === undefined || settings.appendonly === undefined) {
    const info = await redis.info().catch(() => '');
    settings.maxmemoryPolicy ??= infoField(info, 'maxmemory_policy');
    const enabled = infoField(info, 'aof_enabled');
    if (settings.appendonly === undefined && enabled !== undefined) settings.appendonly = enabled === '1';
  }
  return settings;
}

export function judgeRedisSettings(s: RedisSettings, where: string): RedisVerdict {
  const warnings: string[] = [];
  if (s.maxmemoryPolicy === undefined) {
    warnings.push(`could not read maxmemory-policy of the Redis at ${where}; BullMQ needs 'noeviction' (any other policy may delete queued jobs)`);
  } else if (s.maxmemoryPolicy !== 'noeviction') {
    return {
      refuse:
        `the Redis at ${where} has maxmemory-policy ${s.maxmemoryPolicy}: when memory runs short it deletes keys, queued jobs among them. ` +
        `Set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction), as BullMQ requires`,
      warnings,
    };
  }
  const rdb = s.save !== undefined && s.save.trim() !== '';
  if (s.appendonly === false && s.save !== undefined && !rdb) {
    warnings.push(
      `the Redis at ${where} has no persistence (appendonly no, no RDB save points): a restart loses every queued job and schedule. ` +
        `Turn on AOF (appendonly yes, appendfsync everysec) as BullMQ advises; until then the reconciler re-queues what the database knows was owed`,
    );
  } else if (s.appendonly === undefined || (s.appendonly === false && s.save === undefined)) {
    warnings.push(`could not tell whether the Redis at ${where} persists its data (CONFIG not allowed); BullMQ advises AOF (appendonly yes)`);
  }
  return { warnings };
}

/** Throws ConfigError (exit 2) for an evicting Redis; returns the warnings to log. */
export async function checkRedis(redis: Redis, url: string): Promise<string[]> {
  const verdict = judgeRedisSettings(await readRedisSettings(redis), redactUrl(url));
  if (verdict.refuse) throw new ConfigError(verdict.refuse, 'maxmemory-policy');
  return verdict.warnings;
}
