// A private Crawlee Configuration per crawl run: in-memory storage that is never
// persisted or purged, so concurrent runs in one process never wipe or read each other's queues.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Configuration, Log, LogLevel, MemoryStorage } from 'crawlee';

export interface RunConfigurationOptions {
  /**
   * How often Crawlee samples memory and CPU for autoscaling (it spawns `ps` to do so). Browser
   * crawls need it; an HTTP crawl at fixed concurrency reads nothing from it.
   */
  systemInfoIntervalMillis?: number;
}

export function runConfiguration(runId: string = randomUUID(), opts: RunConfigurationOptions = {}): Configuration {
  // The directory is only a unique name: with persistStorage false nothing is written there.
  const localDataDirectory = join(tmpdir(), 'certwatch-crawlee', runId);
  return new Configuration({
    storageClient: new MemoryStorage({ localDataDirectory, persistStorage: false, writeMetadata: false }),
    persistStorage: false,
    purgeOnStart: false,
    defaultRequestQueueId: runId,
    defaultDatasetId: runId,
    defaultKeyValueStoreId: runId,
    // Crawlee's own status lines would flood the pipeline's JSON logs.
    logLevel: LogLevel.ERROR,
    persistStateIntervalMillis: 3_600_000,
    systemInfoIntervalMillis: opts.systemInfoIntervalMillis ?? 5_000,
  });
}

/** A quiet Crawlee logger: crawl outcomes are reported through CrawlStats instead. */
export function quietCrawleeLog(): Log {
  return new Log({ level: LogLevel.OFF, prefix: 'crawlee' });
}
